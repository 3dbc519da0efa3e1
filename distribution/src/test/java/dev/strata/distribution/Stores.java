package dev.strata.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Defining stores the way an operator's tool does (ConfigAdmin) and waiting for what core does with them. */
final class Stores {

    /** The factory PID of store configurations. */
    static final String STORE_FACTORY_PID = "dev.strata.store";

    private Stores() {
    }

    /**
     * Defines a store: a new factory configuration, bound to no bundle in particular ({@code "?"}) so core gets it
     * wherever it runs.
     */
    static Configuration define(ConfigurationAdmin configAdmin, String name, String backend, String durability)
            throws IOException {
        Configuration configuration = configAdmin.createFactoryConfiguration(STORE_FACTORY_PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("backend", backend);
        properties.put("durability", durability);
        configuration.update(properties);
        return configuration;
    }

    /** Waits until the store is listed with the status, and returns what the service says about it. */
    static StoreInfo awaitStatus(StorageService storage, String name, StoreStatus status) {
        return Await.value("store '" + name + "' listed as " + status + " (listed: " + storage.stores() + ")",
                () -> storage.stores().stream()
                        .filter(info -> info.name().equals(name) && info.status() == status)
                        .findFirst());
    }

    /** Waits until the store's {@link Store} service ({@code strata.store=<name>}) is registered. */
    static ServiceReference<Store> awaitStoreService(BundleContext context, String name) {
        return Await.value("a Store service with strata.store=" + name, () -> findStoreService(context, name));
    }

    /** The store's {@link Store} service ({@code strata.store=<name>}), when registered. */
    static Optional<ServiceReference<Store>> findStoreService(BundleContext context, String name) {
        String filter = "(" + Store.NAME_PROPERTY + "=" + name + ")";
        try {
            Collection<ServiceReference<Store>> references = context.getServiceReferences(Store.class, filter);
            return references.stream().findFirst();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a valid store name for a service filter: " + name, e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The value as text, or "<absent>": assertion messages then show what was there. */
    static String text(Optional<byte[]> value) {
        return value.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("<absent>");
    }
}
