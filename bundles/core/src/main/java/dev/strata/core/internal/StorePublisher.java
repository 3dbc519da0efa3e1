package dev.strata.core.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.Store;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Registers each open store as a {@link Store} service with {@code strata.store} and {@code strata.backend}. */
final class StorePublisher implements StoreCatalog.Publisher {

    private final BundleContext context;
    private final Map<String, ServiceRegistration<Store>> registrations = new ConcurrentHashMap<>();

    StorePublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public void publish(ManagedStore store) {
        registrations.computeIfAbsent(store.name(),
                name -> context.registerService(Store.class, store,
                        new Hashtable<>(StorageServiceComponent.serviceProperties(store))));
    }

    @Override
    public void withdraw(ManagedStore store) {
        ServiceRegistration<Store> registration = registrations.remove(store.name());
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it when core stopped; nothing left to do
            }
        }
    }
}
