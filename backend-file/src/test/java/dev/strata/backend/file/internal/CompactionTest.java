package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.TreeMap;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Space stays bounded under overwrites and deletes; snapshots keep reading what they saw while segments merge. */
class CompactionTest {

    @TempDir
    Path directory;

    private EngineConfig config() {
        return Stores.config(directory, Durability.NONE, "memtable.size", "128k", "compression", "none",
                "checkpoint.interval", "0");
    }

    @Test
    void overwritesKeepSpaceWithinOneAndAHalfTimesTheLiveData() {
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            long live = 0;
            for (int round = 0; round < 12; round++) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    for (int i = 0; i < 2000; i++) {
                        tx.put(bytes(String.format("key%06d", i)), bytes(round + "-" + "v".repeat(90)));
                    }
                    tx.commit();
                }
                engine.checkpoint();
            }
            for (int i = 0; i < 2000; i++) {
                live += String.format("key%06d", i).length() + ("11-" + "v".repeat(90)).length();
            }
            ((FileEngine) engine).runDueCompactions(); // what the background thread does, now
            EngineMetrics background = engine.metrics();
            long segmentBytes = background.extra().get("segmentBytes").longValue();
            // 1.5x the live data, plus block trailers, index and filter
            assertTrue(segmentBytes <= 1.5 * live * 1.2,
                    "background compaction bounds space: " + segmentBytes + " bytes for " + live + " live");
            engine.compact();
            EngineMetrics after = engine.metrics();
            assertEquals(1, after.extra().get("segments").intValue());
            assertTrue(after.diskBytes() <= 1.5 * live, "after compaction " + after.diskBytes() + " on disk for " + live + " live");
            assertTrue(after.extra().get("compactions").longValue() > 0);
            assertTrue(after.extra().get("writeAmplification").doubleValue() >= 1.0);
        }
    }

    @Test
    void deletedKeysLeaveNothingBehindAfterFullCompaction() {
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < 3000; i++) {
                    tx.put(bytes("gone" + i), bytes("x".repeat(100)));
                }
                tx.commit();
            }
            engine.checkpoint();
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < 3000; i++) {
                    tx.delete(bytes("gone" + i));
                }
                tx.put(bytes("kept"), bytes("1"));
                tx.commit();
            }
            engine.compact();
            assertEquals(1, engine.metrics().extra().get("segments").intValue());
            assertEquals(1L, engine.metrics().extra().get("keysUpperBound").longValue(), "tombstones and what they hid are gone");
            assertEquals("1", Stores.get(engine, "kept"));
        }
    }

    @Test
    void aSnapshotTakenBeforeCompactionReadsTheSameDataAfterIt() {
        try (StorageEngine engine = new TestFileBackend().open(config())) {
            TreeMap<String, String> before = new TreeMap<>();
            for (int round = 0; round < 3; round++) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    for (int i = 0; i < 500; i++) {
                        tx.put(bytes("k" + i), bytes("r" + round));
                        before.put("k" + i, "r" + round);
                    }
                    tx.commit();
                }
                engine.checkpoint();
            }
            try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    for (int i = 0; i < 500; i += 2) {
                        tx.delete(bytes("k" + i));
                    }
                    tx.commit();
                }
                engine.compact();
                for (int i = 0; i < 500; i++) {
                    assertEquals("r2", Stores.text(reader.get(bytes("k" + i))), "the snapshot still sees k" + i);
                }
            }
            assertEquals(250, Stores.contents(engine).size());
        }
    }
}
