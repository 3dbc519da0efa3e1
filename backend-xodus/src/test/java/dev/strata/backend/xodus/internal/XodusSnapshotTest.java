package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static dev.strata.backend.xodus.internal.XodusTestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hot snapshot taken while a writer commits is one consistent moment and opens as a store of its own. */
class XodusSnapshotTest {

    @TempDir
    Path directory;

    @Test
    void snapshotWhileWritingIsConsistentAndOpens() throws Exception {
        XodusBackend backend = new XodusBackend();
        Path copy = directory.resolve("copy");
        AtomicLong committed = new AtomicLong();
        try (StorageEngine engine = backend.open(config(directory.resolve("live"), XodusStoreSettings.LOG_FILE_SIZE, "1m"))) {
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (long n = 1; writing.get() || n < 300; n++) {
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(bytes(String.format("item.%08d", n)), bytes("x".repeat(500) + n));
                        tx.put(bytes("count"), bytes(Long.toString(n)));
                        tx.commit();
                    }
                    committed.set(n);
                }
            });
            while (committed.get() < 100) {
                Thread.onSpinWait();
            }
            engine.snapshot(copy);
            long afterSnapshot = committed.get();
            writing.set(false);
            writer.get(2, TimeUnit.MINUTES);
            assertTrue(committed.get() > afterSnapshot || afterSnapshot >= 300, "the writer went on during the copy");
            assertThrows(InvalidArgumentException.class, () -> engine.snapshot(copy), "the target must be empty");
        }
        assertTrue(Files.exists(copy));
        try (StorageEngine restored = new XodusBackend().open(config(copy))) {
            long count = Long.parseLong(get(restored, "count"));
            assertTrue(count >= 100 && count <= committed.get(), "a moment between start and end: " + count);
            long items = 0;
            try (EngineTransaction tx = restored.begin(TransactionMode.READ_ONLY);
                 EngineCursor cursor = tx.cursor(KeyRange.prefix(bytes("item.")), false)) {
                while (cursor.next()) {
                    items++;
                    assertEquals(String.format("item.%08d", items), text(cursor.key()), "no gap");
                    assertTrue(text(cursor.value()).endsWith(Long.toString(items)));
                }
            }
            assertEquals(count, items, "the copy holds exactly the transactions up to its moment");
            assertTrue(restored.verify().isHealthy());
        }
    }

    @Test
    void anEncryptedSnapshotOpensWithTheSameKey() {
        TestKeyProvider keys = new TestKeyProvider();
        XodusBackend backend = XodusTestStores.encryptedBackend(keys);
        Path copy = directory.resolve("copy");
        try (StorageEngine engine = backend.open(config(directory.resolve("live"), XodusStoreSettings.KEY_ALIAS, "k"))) {
            XodusTestStores.put(engine, "secret", "value");
            engine.snapshot(copy);
        }
        try (StorageEngine restored = backend.open(config(copy, XodusStoreSettings.KEY_ALIAS, "k"))) {
            assertEquals("value", get(restored, "secret"));
        }
    }
}
