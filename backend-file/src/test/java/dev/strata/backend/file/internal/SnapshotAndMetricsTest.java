package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native snapshots for backups, and the figures the engine reports through the SPI. */
class SnapshotAndMetricsTest {

    @TempDir
    Path temp;

    @Test
    void aSnapshotWhileWritersRunIsOneConsistentStateThatOpensAsAStore() throws Exception {
        Path store = temp.resolve("store");
        Path backup = temp.resolve("backup");
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(store, Durability.OS,
                "memtable.size", "64k", "encryption.keyAlias", "backup"))) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(bytes("a" + (i % 300)), bytes(Integer.toString(i)));
                        tx.put(bytes("b" + (i % 300)), bytes(Integer.toString(i)));
                        tx.commit();
                    }
                    committed.incrementAndGet();
                }
            });
            writer.start();
            while (committed.get() < 2000) {
                Thread.sleep(5);
            }
            engine.snapshot(backup);
            writing.set(false);
            writer.join();
            assertThrows(InvalidArgumentException.class, () -> engine.snapshot(backup), "the target must be empty");
        }
        try (StorageEngine copy = new TestFileBackend().open(Stores.config(backup, Durability.OS,
                "encryption.keyAlias", "backup"))) {
            TreeMap<String, String> found = Stores.contents(copy);
            assertEquals(600, found.size());
            for (int i = 0; i < 300; i++) {
                assertEquals(found.get("a" + i), found.get("b" + i), "both keys of one transaction, never half of it");
            }
            assertTrue(copy.verify().isHealthy());
        }
    }

    @Test
    void metricsReportLogSegmentsDiskCacheAndCompaction() {
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(temp.resolve("m"), Durability.OS,
                "checkpoint.interval", "0"))) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < 5000; i++) {
                    tx.put(bytes("key" + i), bytes("value" + i));
                }
                tx.commit();
            }
            EngineMetrics logged = engine.metrics();
            assertTrue(logged.walBytes() > 5000 * 8, "the log holds the batch: " + logged.walBytes());
            engine.checkpoint();
            EngineMetrics flushed = engine.metrics();
            assertTrue(flushed.walBytes() < logged.walBytes(), "a checkpoint trims the log");
            assertEquals(1, flushed.extra().get("segments").intValue());
            assertTrue(flushed.diskBytes() >= flushed.extra().get("segmentBytes").longValue());
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5000; i += 50) {
                    assertEquals("value" + i, Stores.get(engine, "key" + i));
                }
            }
            EngineMetrics read = engine.metrics();
            assertTrue(read.cacheMisses() > 0 && read.cacheHits() > read.cacheMisses(),
                    "repeated reads hit the block cache: " + read.cacheHits() + " hits, " + read.cacheMisses() + " misses");
            assertTrue(read.cacheHitRate() > 0.5);
            assertEquals("idle", read.compactionState());
            assertEquals(-1, read.keys(), "the exact key count is declared untracked");
            assertTrue(read.extra().get("keysUpperBound").longValue() >= 5000);
        }
    }
}
