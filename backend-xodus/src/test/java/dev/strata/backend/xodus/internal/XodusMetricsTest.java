package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics come from Xodus's statistics; compaction runs, pauses and reclaims space. */
class XodusMetricsTest {

    @TempDir
    Path directory;

    @Test
    void metricsReportXodusStatistics() {
        try (XodusEngine engine = (XodusEngine) new XodusBackend().open(config(directory))) {
            writeRounds(engine, 1, 500);
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                tx.get(bytes("key.00001"));
                EngineMetrics metrics = engine.metrics();
                assertEquals(500, metrics.keys());
                assertTrue(metrics.walBytes() > 500 * 100, "the log holds what was written: " + metrics);
                assertTrue(metrics.diskBytes() >= metrics.walBytes(), metrics.toString());
                assertTrue(metrics.extra().get("bytesWritten").longValue() > 0, metrics.toString());
                assertTrue(metrics.extra().get("activeTransactions").longValue() >= 1, "this read is active: " + metrics);
                double logHitRate = metrics.extra().get("logCacheHitRate").doubleValue();
                assertTrue(logHitRate >= 0 && logHitRate <= 1, metrics.toString());
                double getHitRate = metrics.extra().get("storeGetCacheHitRate").doubleValue();
                assertTrue(getHitRate >= 0 && getHitRate <= 1, metrics.toString());
                assertTrue(metrics.extra().containsKey("bytesMovedByGc"));
                assertTrue(metrics.extra().containsKey("utilizationPercent"));
                assertEquals("idle", metrics.compactionState());
            }
        }
    }

    @Test
    void compactionReclaimsOverwrittenDataAndCanBePaused() {
        try (XodusEngine engine = (XodusEngine) new XodusBackend().open(
                config(directory, XodusStoreSettings.LOG_FILE_SIZE, "1m", XodusStoreSettings.GC, false))) {
            writeRounds(engine, 8, 2_000);
            long before = engine.metrics().walBytes();

            engine.pauseCompaction();
            assertEquals("paused", engine.metrics().compactionState());
            assertThrows(StorageException.class, engine::compact, "no compaction while paused");
            engine.resumeCompaction();

            engine.compact();
            EngineMetrics after = engine.metrics();
            assertTrue(after.walBytes() < before / 2, "8 rounds of overwrites shrink to about one: " + before + " -> " + after);
            assertTrue(after.extra().get("bytesMovedByGc").longValue() > 0, after.toString());
            assertEquals(2_000, after.keys());
            assertTrue(engine.verify().isHealthy());
        }
    }

    /** Overwrites the same keys round after round with 300-byte values. */
    private static void writeRounds(XodusEngine engine, int rounds, int keys) {
        for (int round = 0; round < rounds; round++) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < keys; i++) {
                    tx.put(bytes(String.format("key.%05d", i)), bytes(round + ":" + "v".repeat(300)));
                }
                tx.commit();
            }
        }
    }
}
