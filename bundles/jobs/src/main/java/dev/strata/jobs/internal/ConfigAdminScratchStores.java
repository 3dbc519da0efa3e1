package dev.strata.jobs.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.jobs.internal.work.ScratchStores;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Scratch memory stores defined as factory configurations of {@code dev.strata.store}, removed after use. */
final class ConfigAdminScratchStores implements ScratchStores {

    private static final long WAIT_MILLIS = 15_000;

    private final Supplier<ConfigurationAdmin> configAdmin;
    private final StorageService storage;
    private final Map<String, Configuration> made = new ConcurrentHashMap<>();

    ConfigAdminScratchStores(Supplier<ConfigurationAdmin> configAdmin, StorageService storage) {
        this.configAdmin = configAdmin;
        this.storage = storage;
    }

    @Override
    public Store create(String name) {
        ConfigurationAdmin admin = configAdmin.get();
        if (admin == null) {
            throw new StoreUnavailableException("no ConfigurationAdmin to define scratch store '" + name + "'");
        }
        try {
            Configuration config = admin.createFactoryConfiguration("dev.strata.store", "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("name", name);
            props.put("backend", "memory");
            props.put("durability", "none");
            config.update(props);
            made.put(name, config);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot define scratch store '" + name + "': " + e.getMessage(), e);
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            var store = storage.findStore(name);
            if (store.isPresent() && store.get().info().status() == StoreStatus.ONLINE) {
                return store.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drop(name);
        throw new StoreUnavailableException("scratch store '" + name + "' did not come online (is the memory "
                + "backend installed?)");
    }

    @Override
    public void drop(String name) {
        Configuration config = made.remove(name);
        if (config != null) {
            try {
                config.delete();
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
    }
}
