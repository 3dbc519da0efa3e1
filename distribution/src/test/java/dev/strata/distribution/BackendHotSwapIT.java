package dev.strata.distribution;

import static dev.strata.distribution.Stores.bytes;
import static dev.strata.distribution.Stores.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.inject.Inject;

import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A backend is a bundle that comes and goes while the runtime runs. A store defined before its backend exists waits
 * (UNAVAILABLE), comes ONLINE when the backend bundle is installed, becomes UNAVAILABLE again when the bundle is
 * removed or stopped, and comes back with every committed write when the bundle returns. Each method gets a fresh
 * runtime (Pax Exam's default strategy), so the example backend is never installed at the start of a test.
 */
@RunWith(PaxExam.class)
public class BackendHotSwapIT {

    private static final String BACKEND = "example";
    private static final int ENTRIES = 200;

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(BackendHotSwapIT.class);
    }

    @Test
    public void aStoreWaitsForItsBackendAndKeepsItsDataWhenTheBackendIsUninstalledAndReinstalled() throws Exception {
        assertFalse("the example backend is not part of the runtime", backendInstalled());
        Stores.define(configAdmin, "catalog", BACKEND, "fsync");
        Stores.awaitStatus(storage, "catalog", StoreStatus.UNAVAILABLE);
        // one handle for the whole test: it follows the store through its backend's comings and goings
        Store store = storage.store("catalog");
        assertThrows(StoreUnavailableException.class, () -> store.put("too-early", bytes("x")));

        Bundle backend = installExampleBackend();
        Stores.awaitStatus(storage, "catalog", StoreStatus.ONLINE);
        Stores.awaitStoreService(context, "catalog");
        Map<String, String> written = writeEntries(store);
        assertTrue("the example backend keeps its stores on disk", hasFiles(dataDir()));

        backend.uninstall();
        refreshBundles();

        Stores.awaitStatus(storage, "catalog", StoreStatus.UNAVAILABLE);
        assertTrue("still listed while its backend is away", storage.findStore("catalog").isPresent());
        assertUnavailable(store);
        Await.until("no Store service for 'catalog' while its backend is away",
                () -> Stores.findStoreService(context, "catalog").isEmpty());

        installExampleBackend();
        Stores.awaitStatus(storage, "catalog", StoreStatus.ONLINE);

        assertEquals("every committed write survives the backend's removal", written, contents(store));
        store.put("after-return", bytes("ok"));
        assertEquals("ok", text(store.get("after-return")));
    }

    @Test
    public void stoppingTheBackendBundleMakesItsStoreUnavailableUntilItStartsAgain() throws Exception {
        Bundle backend = installExampleBackend();
        Await.until("backend '" + BACKEND + "' listed", this::backendInstalled);
        Stores.define(configAdmin, "sessions", BACKEND, "os");
        Stores.awaitStatus(storage, "sessions", StoreStatus.ONLINE);
        Store store = storage.store("sessions");
        Map<String, String> written = writeEntries(store);

        backend.stop();
        Stores.awaitStatus(storage, "sessions", StoreStatus.UNAVAILABLE);
        Await.until("backend '" + BACKEND + "' no longer listed", () -> !backendInstalled());
        assertUnavailable(store);

        backend.start();
        Stores.awaitStatus(storage, "sessions", StoreStatus.ONLINE);
        assertEquals(written, contents(store));
    }

    private Bundle installExampleBackend() throws BundleException {
        Bundle bundle = context.installBundle(StrataRuntime.exampleBackendJar().toUri().toString());
        bundle.start();
        return bundle;
    }

    private boolean backendInstalled() {
        return storage.backends().stream().anyMatch(info -> info.type().equals(BACKEND));
    }

    /** Single writes and one multi-key transaction, as an application would. */
    private static Map<String, String> writeEntries(Store store) {
        Map<String, String> written = new TreeMap<>();
        for (int i = 0; i < ENTRIES; i++) {
            String key = String.format("item.%04d", i);
            String value = "value " + i;
            store.put(key, bytes(value));
            written.put(key, value);
        }
        store.inTransaction(tx -> {
            tx.put("total", bytes(Integer.toString(ENTRIES)));
            tx.delete("item.0000");
        });
        written.put("total", Integer.toString(ENTRIES));
        written.remove("item.0000");
        return written;
    }

    private static void assertUnavailable(Store store) {
        assertThrows(StoreUnavailableException.class, () -> store.get("item.0001"));
        assertThrows(StoreUnavailableException.class, () -> store.put("item.0001", bytes("lost?")));
        assertThrows(StoreUnavailableException.class, () -> store.delete("item.0001"));
        assertThrows(StoreUnavailableException.class, () -> {
            try (EntryCursor cursor = store.scan(Scan.all())) {
                cursor.hasNext();
            }
        });
        assertThrows(StoreUnavailableException.class, () -> store.begin().close());
    }

    /** Everything in the store, as text. */
    private static Map<String, String> contents(Store store) {
        Map<String, String> contents = new TreeMap<>();
        try (EntryCursor cursor = store.scan(Scan.all())) {
            cursor.forEachRemaining(entry -> contents.put(entry.key(), new String(entry.value(), UTF_8)));
        }
        return contents;
    }

    /** Lets the framework drop the uninstalled bundle's class loader, as an operator's "refresh" does. */
    private void refreshBundles() throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("packages refreshed", refreshed.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    private Path dataDir() {
        return Paths.get(context.getProperty(StrataRuntime.DATA_DIR_PROPERTY));
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }
}
