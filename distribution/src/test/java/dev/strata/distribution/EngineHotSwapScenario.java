package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.spi.StorageBackend;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.wiring.BundleRevision;

/**
 * An engine bundle swapped in every way an operator can while a client writes to one of its stores without pause:
 * stop, start, update from its jar, uninstall, install again. After each removal the store must become UNAVAILABLE
 * and refuse the writer with {@code StoreUnavailableException}; after each return it must come ONLINE and take the
 * writer's writes again. At the end every acknowledged write is in the store with its exact value, and no refused
 * write is.
 *
 * @param context     the test's bundle context
 * @param storage     the storage service
 * @param storeName   a store on the engine, defined by the runtime's deploy/ folder
 * @param backendType the engine's {@code strata.backend}
 * @param engine      the engine's bundle
 */
record EngineHotSwapScenario(BundleContext context, StorageService storage, String storeName, String backendType,
                             EngineBundles engine) {

    private static final int WRITES_BETWEEN_SWAPS = 20;

    void run() throws Exception {
        Stores.awaitStatus(storage, storeName, StoreStatus.ONLINE);
        Store store = storage.store(storeName);
        BackendRegistrations registrations = BackendRegistrations.listen(context, backendType);
        try (ContinuousWriter writer = ContinuousWriter.start(store, "hot-swap.")) {
            writer.awaitAcknowledgedBeyond(WRITES_BETWEEN_SWAPS, "before any swap");

            Bundle bundle = engine.installed();
            bundle.stop();
            awaitAwayAndRefusing(writer, "after stop()");
            bundle.start();
            awaitBackAndWriting(writer, "after start()");

            BundleRevision before = bundle.adapt(BundleRevision.class);
            int unregistrationsBefore = registrations.unregistered();
            engine.updateFromJar(bundle);
            assertNotSame("update() made a new revision of " + engine.symbolicName(), before,
                    bundle.adapt(BundleRevision.class));
            assertEquals(Bundle.ACTIVE, bundle.getState());
            Await.until("the backend service unregistered during update()",
                    () -> registrations.unregistered() > unregistrationsBefore);
            awaitBackAndWriting(writer, "after update() and refresh");

            engine.uninstall(bundle);
            awaitAwayAndRefusing(writer, "after uninstall() and refresh");
            engine.installFromJarAndStart();
            awaitBackAndWriting(writer, "after installing the jar again");

            writer.stop();
            System.out.println(engine.symbolicName() + " swapped 5 ways under " + writer);
            writer.assertStoreHoldsExactlyTheAcknowledgedWrites();
        } finally {
            registrations.close();
        }
    }

    /** The store is UNAVAILABLE and the writer has been refused since. */
    private void awaitAwayAndRefusing(ContinuousWriter writer, String when) {
        Stores.awaitStatus(storage, storeName, StoreStatus.UNAVAILABLE);
        long refusals = writer.refusalCount();
        writer.awaitRefusedBeyond(refusals, when);
    }

    /**
     * The store is ONLINE and the writer has had writes acknowledged since: a few, so that the next removal meets a
     * writer in full swing.
     */
    private void awaitBackAndWriting(ContinuousWriter writer, String when) {
        Stores.awaitStatus(storage, storeName, StoreStatus.ONLINE);
        long acknowledged = writer.acknowledgedCount();
        writer.awaitAcknowledgedBeyond(acknowledged + WRITES_BETWEEN_SWAPS, when);
    }

    /**
     * Counts how often the engine's {@link StorageBackend} service went away: update() stops and starts the bundle
     * within one call, too fast for polling the store's status to see the gap, so the service event proves it.
     */
    static final class BackendRegistrations implements ServiceListener, AutoCloseable {

        private final BundleContext context;
        private final AtomicInteger unregistered = new AtomicInteger();

        private BackendRegistrations(BundleContext context) {
            this.context = context;
        }

        static BackendRegistrations listen(BundleContext context, String backendType) throws Exception {
            BackendRegistrations listener = new BackendRegistrations(context);
            context.addServiceListener(listener, "(&(objectClass=" + StorageBackend.class.getName() + ")("
                    + StorageBackend.TYPE_PROPERTY + "=" + backendType + "))");
            return listener;
        }

        int unregistered() {
            return unregistered.get();
        }

        @Override
        public void serviceChanged(ServiceEvent event) {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                unregistered.incrementAndGet();
            }
        }

        @Override
        public void close() {
            context.removeServiceListener(this);
        }
    }
}
