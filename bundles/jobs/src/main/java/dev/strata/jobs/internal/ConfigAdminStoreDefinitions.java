package dev.strata.jobs.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.management.StoreControl;
import dev.strata.jobs.internal.work.StoreDefinitions;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Store definitions as ConfigAdmin factory configurations of {@code dev.strata.store}. A store defined by a
 * {@code deploy/*.config} file belongs to that file (File Install applies it at every start and does not write
 * ConfigAdmin changes back), so such a store is redefined by rewriting its file in one atomic rename
 * ({@link ConfigFiles}), which File Install then applies; any other store by updating its configuration.
 */
final class ConfigAdminStoreDefinitions implements StoreDefinitions {

    static final String FACTORY_PID = "dev.strata.store";
    static final String FILE_PROPERTY = "felix.fileinstall.filename";
    private static final long WAIT_MILLIS = 60_000;

    private final Supplier<ConfigurationAdmin> configAdmin;
    private final StorageService storage;
    private final Supplier<Optional<StoreControl>> control;

    ConfigAdminStoreDefinitions(Supplier<ConfigurationAdmin> configAdmin, StorageService storage,
            Supplier<Optional<StoreControl>> control) {
        this.configAdmin = configAdmin;
        this.storage = storage;
        this.control = control;
    }

    @Override
    public Map<String, String> definition(String store) {
        return settings(find(store).orElseThrow(() -> new NotFoundException("store '" + store
                + "' has no configuration of " + FACTORY_PID + " (only a configured store can change engine)"))
                .getProperties());
    }

    @Override
    public Store redefine(String store, Map<String, String> definition) {
        Configuration config = find(store).orElseThrow(() -> new NotFoundException("store '" + store
                + "' has no configuration of " + FACTORY_PID));
        Store before = storage.findStore(store).orElse(null);
        Object file = config.getProperties().get(FILE_PROPERTY);
        try {
            if (file != null) {
                ConfigFiles.rewrite(Path.of(URI.create(file.toString())), definition);
            } else {
                config.update(dictionary(definition));
            }
        } catch (IOException | RuntimeException e) {
            throw new StorageException("cannot redefine store '" + store + "': " + e.getMessage(), e);
        }
        return awaitServing(store, before);
    }

    @Override
    public Store define(Map<String, String> definition) {
        String name = definition.get("name");
        try {
            Configuration config = admin().createFactoryConfiguration(FACTORY_PID, "?");
            config.update(dictionary(definition));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot define store '" + name + "': " + e.getMessage(), e);
        }
        return awaitServing(name, null);
    }

    @Override
    public void remove(String store) {
        try {
            Optional<Configuration> config = find(store);
            if (config.isPresent()) {
                config.get().delete();
            }
        } catch (IOException | IllegalStateException e) {
            // already gone
        }
    }

    /** Waits for a new store object under the name that serves; reopens it if a just-closed engine held its files. */
    private Store awaitServing(String name, Store before) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        long nextReopen = System.currentTimeMillis() + 500;
        String last = "not defined yet";
        while (System.currentTimeMillis() < deadline) {
            Optional<Store> now = storage.findStore(name);
            if (now.isPresent() && now.get() != before) {
                StoreStatus status = now.get().info().status();
                if (status == StoreStatus.ONLINE || status == StoreStatus.READ_ONLY) {
                    return now.get();
                }
                last = status + ": " + now.get().info().message();
                if (status == StoreStatus.UNAVAILABLE && System.currentTimeMillis() >= nextReopen) {
                    // its open may have met the files still held by an engine closing a moment ago: try again now
                    control.get().ifPresent(c -> c.reopen(name));
                    nextReopen = System.currentTimeMillis() + 500;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new StoreUnavailableException("store '" + name + "' was not serving " + WAIT_MILLIS / 1000
                + " s after its definition changed (" + last + ")");
    }

    private Optional<Configuration> find(String store) {
        try {
            Configuration[] found = admin().listConfigurations("(&(service.factoryPid=" + FACTORY_PID + ")(name="
                    + escape(store) + "))");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            throw new StorageException("cannot read the store configurations: " + e.getMessage(), e);
        }
    }

    private ConfigurationAdmin admin() {
        ConfigurationAdmin admin = configAdmin.get();
        if (admin == null) {
            throw new StoreUnavailableException("no ConfigurationAdmin: store definitions cannot be changed now");
        }
        return admin;
    }

    static Map<String, String> settings(Dictionary<String, Object> properties) {
        Map<String, String> map = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!key.startsWith("service.") && !key.startsWith("felix.") && !key.startsWith("component.")) {
                map.put(key, String.valueOf(properties.get(key)));
            }
        }
        return map;
    }

    private static Dictionary<String, Object> dictionary(Map<String, String> definition) {
        return new Hashtable<>(definition);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
