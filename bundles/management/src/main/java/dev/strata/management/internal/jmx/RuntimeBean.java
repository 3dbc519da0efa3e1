package dev.strata.management.internal.jmx;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.strata.api.BackendInfo;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.SettingInfo;
import dev.strata.api.management.StoreSummary;
import dev.strata.api.management.StrataRuntimeMXBean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The runtime over JMX. Stores are defined as ConfigAdmin factory configurations, exactly as a {@code .config} file
 * in {@code deploy/} defines them, so core validates them the same way; the store appears in the list once core has
 * taken the configuration. Bundle changes go through the framework, never around it.
 */
final class RuntimeBean implements StrataRuntimeMXBean {

    static final String STORE_PID = "dev.strata.store";
    private static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** Keys whose values are never shown (a passphrase, a database password). */
    private static final Pattern SECRET = Pattern.compile("(?i)(password|passphrase|secret)");

    private final StorageService storage;
    private final ConfigurationAdmin configs;
    private final BundleContext context;

    private final StoreForms forms;

    RuntimeBean(StorageService storage, ConfigurationAdmin configs, BundleContext context, StoreForms forms) {
        this.storage = storage;
        this.configs = configs;
        this.context = context;
        this.forms = forms;
    }

    @Override
    public String[] getStores() {
        return storage.stores().stream().map(StoreInfo::name).toArray(String[]::new);
    }

    @Override
    public StoreSummary[] getStoreSummaries() {
        return StoreSummaries.of(ManagementFactory.getPlatformMBeanServer(), Arrays.asList(getStores()));
    }

    @Override
    public String[] getBackends() {
        return storage.backends().stream().map(b -> b.type() + " " + b.bundle() + " " + b.version())
                .toArray(String[]::new);
    }

    @Override
    public String[] getBundles() {
        return Arrays.stream(context.getBundles())
                .map(b -> b.getBundleId() + " " + b.getSymbolicName() + " " + b.getVersion() + " " + BundleStates.name(b.getState()))
                .toArray(String[]::new);
    }

    @Override
    public void defineStore(String name, String backend, Map<String, String> settings) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new InvalidArgumentException("store names are 1 to 64 letters, digits, '.', '_' or '-': '" + name + "'");
        }
        if (backend == null || backend.isBlank()) {
            throw new InvalidArgumentException("a store needs a backend type (memory, file, xodus, ...)");
        }
        if (storage.findStore(name).isPresent()) {
            throw new InvalidArgumentException("a store named '" + name + "' is already defined");
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        if (settings != null) {
            settings.forEach(properties::put);
        }
        properties.put("name", name);
        properties.put("backend", backend.trim());
        try {
            Configuration configuration = configs.createFactoryConfiguration(STORE_PID, "?");
            configuration.update(properties);
        } catch (IOException e) {
            throw new StorageException("cannot save the definition of store '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void removeStore(String name) {
        for (Configuration configuration : definitions(name)) {
            try {
                configuration.delete();
            } catch (IOException e) {
                throw new StorageException("cannot remove store '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long installBundle(String location) {
        if (location == null || !(location.startsWith("file:") || location.startsWith("mvn:"))) {
            throw new InvalidArgumentException("a bundle location is a file: URL, was '" + location + "'");
        }
        try {
            Bundle bundle = context.installBundle(location);
            bundle.start();
            return bundle.getBundleId();
        } catch (BundleException | IllegalStateException e) {
            throw new InvalidArgumentException("cannot install " + location + ": " + e.getMessage());
        }
    }

    @Override
    public void uninstallBundle(long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null) {
            throw new NotFoundException("no bundle with id " + bundleId);
        }
        if (bundleId == 0 || bundle.equals(context.getBundle())) {
            throw new InvalidArgumentException("bundle " + bundleId + " is the framework or the management bundle itself");
        }
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new StorageException("cannot uninstall bundle " + bundleId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SettingInfo[] getStoreForm(String backend) {
        BackendInfo info = storage.backends().stream().filter(b -> b.type().equals(backend)).findFirst()
                .orElseThrow(() -> StoreForms.unknownBackend(backend, storage.backends()));
        return forms.form(info).toArray(SettingInfo[]::new);
    }

    @Override
    public Map<String, String> getStoreDefinition(String name) {
        Dictionary<String, Object> properties = definitions(name)[0].getProperties();
        Map<String, String> definition = new TreeMap<>();
        for (String key : Collections.list(properties.keys())) {
            if (key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")) {
                continue; // ConfigAdmin's and File Install's bookkeeping, not the store's settings
            }
            Object value = properties.get(key);
            definition.put(key, SECRET.matcher(key).find() ? "****" : String.valueOf(value));
        }
        return definition;
    }

    @Override
    public void changeStore(String name, Map<String, String> settings) {
        if (settings == null || settings.isEmpty()) {
            throw new InvalidArgumentException("no settings to change for store '" + name + "'");
        }
        if (settings.containsKey("name")) {
            throw new InvalidArgumentException("a store's name cannot change; define a new store and migrate to it");
        }
        Configuration configuration = definitions(name)[0];
        Dictionary<String, Object> properties = configuration.getProperties();
        settings.forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
        });
        try {
            configuration.update(properties);
        } catch (IOException e) {
            throw new StorageException("cannot save the settings of store '" + name + "': " + e.getMessage(), e);
        }
    }

    private Configuration[] definitions(String name) {
        Configuration[] found;
        try {
            found = configs.listConfigurations("(&(service.factoryPid=" + STORE_PID + ")(name=" + escape(name) + "))");
        } catch (IOException | InvalidSyntaxException e) {
            throw new StorageException("cannot look up store '" + name + "': " + e.getMessage(), e);
        }
        if (found == null || found.length == 0) {
            throw new NotFoundException("no store named '" + name + "' is defined through ConfigAdmin");
        }
        return found;
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
