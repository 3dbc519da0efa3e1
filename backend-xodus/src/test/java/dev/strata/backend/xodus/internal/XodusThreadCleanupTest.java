package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deactivating the backend closes its stores and leaves no Xodus thread; activating again brings Xodus back. */
class XodusThreadCleanupTest {

    @TempDir
    Path directory;

    @Test
    void deactivateClosesStoresAndEndsEveryXodusThread() {
        XodusBackend backend = new XodusBackend();
        backend.activate();
        StorageEngine first = open(backend, "first");
        StorageEngine second = open(backend, "second");
        write(first, "a");
        write(second, "b");
        assertFalse(xodusThreads().isEmpty(), "Xodus runs shared threads while stores are open");

        backend.deactivate();

        assertEquals(List.of(), xodusThreads(), "no Xodus thread outlives the backend");
        assertThrows(StoreUnavailableException.class, () -> first.begin(TransactionMode.READ_ONLY));
        assertThrows(StoreUnavailableException.class, () -> second.begin(TransactionMode.READ_ONLY));
    }

    @Test
    void aBackendStartedAgainInTheSameClassLoaderWorksAndStopsAgain() {
        XodusBackend backend = new XodusBackend();
        backend.activate();
        write(open(backend, "before"), "a");
        backend.deactivate();
        assertEquals(List.of(), xodusThreads());

        XodusBackend restarted = new XodusBackend();
        restarted.activate();
        StorageEngine engine = open(restarted, "before");
        write(engine, "b");
        engine.compact();
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            assertEquals("a", new String(tx.get(bytes("a")), StandardCharsets.UTF_8));
            assertEquals("b", new String(tx.get(bytes("b")), StandardCharsets.UTF_8));
        }
        assertTrue(xodusThreads().stream().anyMatch(name -> name.contains("timer")), "the shared timer runs again");
        restarted.deactivate();
        assertEquals(List.of(), xodusThreads());
    }

    private StorageEngine open(XodusBackend backend, String name) {
        return backend.open(new EngineConfig(name, directory.resolve(name), Durability.OS, Map.of()));
    }

    private static void write(StorageEngine engine, String key) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), bytes(key));
            tx.commit();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Live threads Xodus started: its pool names them "Exodus shared ..." plus the pool's spawner. */
    private static List<String> xodusThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.toLowerCase(Locale.ROOT).contains("xodus") || name.contains("threadJobProcessorPool"))
                .sorted()
                .toList();
    }
}
