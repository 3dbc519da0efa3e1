package dev.strata.distribution;

import static dev.strata.distribution.Stores.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Nothing of Xodus outlives its bundle. Xodus starts shared background threads once per class loader and never
 * stops them; backend-xodus stops them when it deactivates. After backend-xodus is uninstalled (and the framework
 * refreshed) no thread of Xodus is left, and the bundle's class loader, with the Xodus and Kotlin classes it
 * defined, can be garbage collected; after it is updated, the same holds for the old revision's threads and class
 * loader. The native Pax Exam container runs the framework in this JVM, so this test sees the framework's threads
 * and heap.
 */
@RunWith(PaxExam.class)
public class XodusThreadsIT {

    private static final String STORE = "xodus";

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(XodusThreadsIT.class);
    }

    @Test
    public void uninstallingTheXodusEngineLeavesNoXodusThreadAndLetsItsClassLoaderBeCollected() throws Exception {
        Stores.awaitStatus(storage, STORE, StoreStatus.ONLINE);
        putEntries(storage.store(STORE));

        WeakReference<ClassLoader> engineLoader = uninstallEngineKeepingItsClassLoaderWeakly();

        Stores.awaitStatus(storage, STORE, StoreStatus.UNAVAILABLE);
        try {
            Await.until("no thread of Xodus left after uninstall", () -> xodusThreads(engineLoader).isEmpty());
        } catch (AssertionError e) {
            // no cause: Pax Exam reports the innermost cause, which would hide the threads
            throw new AssertionError(e.getMessage() + "; still running: " + xodusThreads(engineLoader));
        }
        ClassLoaderCollection.awaitCollected(engineLoader, "backend-xodus's class loader after uninstall and refresh");
    }

    @Test
    public void updatingTheXodusEngineEndsTheOldRevisionsThreadsAndLetsItsClassLoaderBeCollected() throws Exception {
        Stores.awaitStatus(storage, STORE, StoreStatus.ONLINE);
        Store store = storage.store(STORE);
        putEntries(store);

        WeakReference<ClassLoader> oldLoader = updateEngineKeepingTheOldClassLoaderWeakly();

        Stores.awaitStatus(storage, STORE, StoreStatus.ONLINE);
        assertEquals("the new revision reads what the old one wrote", "value 499",
                Stores.text(store.get("thread-check.0499")));
        try {
            Await.until("no thread of the old revision left after update", () -> threadsOf(oldLoader).isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still running: " + threadsOf(oldLoader));
        }
        ClassLoaderCollection.awaitCollected(oldLoader, "the class loader of backend-xodus's revision before update");
    }

    /** Updates backend-xodus from its jar and refreshes; returns the old revision's class loader, weakly held. */
    private WeakReference<ClassLoader> updateEngineKeepingTheOldClassLoaderWeakly() throws Exception {
        EngineBundles engine = EngineBundles.xodus(context);
        Bundle bundle = engine.installed();
        WeakReference<ClassLoader> loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
        assertFalse("threads of the running revision are found (else this test would see nothing)",
                threadsOf(loader).isEmpty());
        engine.updateFromJar(bundle);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertNotSame("a new class loader", loader.get(), bundle.adapt(BundleWiring.class).getClassLoader());
        return loader;
    }

    /**
     * Uninstalls backend-xodus and refreshes, returning its class loader through a weak reference only. In a method
     * of its own so that no local variable of the test (the bundle, its wiring, the loader) keeps it reachable.
     */
    private WeakReference<ClassLoader> uninstallEngineKeepingItsClassLoaderWeakly() throws Exception {
        EngineBundles engine = EngineBundles.xodus(context);
        Bundle bundle = engine.installed();
        WeakReference<ClassLoader> loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
        List<String> runningBefore = xodusThreads(loader);
        assertFalse("Xodus's shared threads run while a Xodus store is open (else this test would see nothing)",
                runningBefore.isEmpty());
        engine.uninstall(bundle);
        assertEquals(Bundle.UNINSTALLED, bundle.getState());
        assertTrue(engine.symbolicName() + " is gone", engine.find().isEmpty());
        return loader;
    }

    /** Enough work that Xodus's background threads (timer, cleaner, flusher) have run. */
    private static void putEntries(Store store) {
        for (int i = 0; i < 500; i++) {
            store.put(String.format("thread-check.%04d", i), bytes("value " + i));
        }
        store.inTransaction(tx -> tx.delete("thread-check.0000"));
    }

    /**
     * The live threads that belong to Xodus: by name (Xodus names its threads "Exodus ...", "... job processor" or
     * "threadJobProcessorPoolSpawner"), by the class loader that defined the thread's class, or by their context class
     * loader (Xodus's threads inherit backend-xodus's, which the backend sets around every call into Xodus).
     */
    private List<String> xodusThreads(WeakReference<ClassLoader> engineLoader) {
        return threads(engineLoader, true);
    }

    /** The live threads whose class or context class loader is the engine's. */
    private List<String> threadsOf(WeakReference<ClassLoader> engineLoader) {
        return threads(engineLoader, false);
    }

    private List<String> threads(WeakReference<ClassLoader> engineLoader, boolean includeXodusNames) {
        String runtimeHome = context.getProperty("strata.home");
        List<String> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!thread.isAlive()) {
                continue;
            }
            // File Install names its thread after deploy/, whose path holds this test's name: not Xodus's
            String name = thread.getName().replace(runtimeHome, "").toLowerCase(Locale.ROOT);
            boolean named = name.contains("xodus") || name.contains("job processor") || name.contains("jobprocessor");
            ClassLoader loader = engineLoader.get();
            boolean loaded = loader != null && (thread.getContextClassLoader() == loader
                    || thread.getClass().getClassLoader() == loader);
            if ((includeXodusNames && named) || loaded) {
                found.add("'" + thread.getName() + "' (" + thread.getClass().getName() + ", context class loader "
                        + thread.getContextClassLoader() + ")");
            }
        }
        return found;
    }
}
