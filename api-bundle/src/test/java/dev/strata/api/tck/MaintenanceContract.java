package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/**
 * {@code checkpoint}, {@code compact}, {@code verify} and (where declared) {@code snapshot} called while writers
 * commit: nothing acknowledged is lost, a snapshot holds one consistent state, and the store survives a reopen.
 * Each writer owns a counter key and bumps it together with a mirror key in one transaction, so any state a
 * snapshot or a reopen shows must have every counter equal to its mirror.
 */
public interface MaintenanceContract extends EngineContract {

    int MAINTENANCE_WRITERS = 3;

    private static byte[] counter(int writer) {
        return bytes("counter." + writer);
    }

    private static byte[] mirror(int writer) {
        return bytes("mirror." + writer);
    }

    /** Every counter equals its mirror, and none is below {@code floor} (acknowledged values). */
    private static void assertConsistent(EngineTransaction tx, AtomicLongArray floor, String where) {
        for (int w = 0; w < MAINTENANCE_WRITERS; w++) {
            String count = text(tx.get(counter(w)));
            String mirrored = text(tx.get(mirror(w)));
            assertEquals(count, mirrored, where + ": writer " + w + "'s counter and mirror were committed together");
            long value = count == null ? 0 : Long.parseLong(count);
            assertTrue(value >= floor.get(w), where + ": writer " + w + " had an acknowledged count of "
                    + floor.get(w) + " but the state holds " + value);
        }
    }

    @Test
    default void checkpointCompactSnapshotAndVerifyRunUnderLoad() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLongArray acknowledged = new AtomicLongArray(MAINTENANCE_WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(MAINTENANCE_WRITERS);
        Map<Path, AtomicLongArray> snapshots = new java.util.LinkedHashMap<>();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < MAINTENANCE_WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (long n = 1; running.get(); n++) {
                        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
                            tx.put(counter(writer), bytes(Long.toString(n)));
                            tx.put(mirror(writer), bytes(Long.toString(n)));
                            tx.put(bytes("payload." + writer + "." + (n % 200)), new byte[512]);
                            tx.commit();
                        }
                        acknowledged.set(writer, n);
                    }
                    return null;
                }));
            }
            for (int round = 0; round < 3; round++) {
                Thread.sleep(30);
                engine().checkpoint();
                engine().compact();
                assertTrue(engine().verify().isHealthy(), "verify under load, round " + round);
                if (fixture().backend().capabilities().nativeSnapshot()) {
                    AtomicLongArray atSnapshot = new AtomicLongArray(MAINTENANCE_WRITERS);
                    for (int w = 0; w < MAINTENANCE_WRITERS; w++) {
                        atSnapshot.set(w, acknowledged.get(w));
                    }
                    Path target = fixture().directory().resolveSibling(fixture().directory().getFileName()
                            + "-snapshot-" + round);
                    Files.createDirectories(target);
                    engine().snapshot(target);
                    snapshots.put(target, atSnapshot);
                }
                try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
                    assertConsistent(tx, new AtomicLongArray(MAINTENANCE_WRITERS), "a snapshot read under load");
                }
            }
            running.set(false);
            for (Future<?> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            assertConsistent(tx, acknowledged, "after the load");
        }
        snapshots.forEach(this::checkSnapshot);
        if (fixture().persistent()) {
            fixture().reopen();
            try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
                assertConsistent(tx, acknowledged, "after a reopen");
            }
        }
    }

    private void checkSnapshot(Path snapshot, AtomicLongArray floor) {
        EngineConfig config = new EngineConfig("tck-snapshot", snapshot, fixture().durability(), fixture().properties());
        try (StorageEngine copy = fixture().backend().open(config);
             EngineTransaction tx = copy.begin(TransactionMode.READ_ONLY)) {
            // the snapshot began after these counts were acknowledged, so it must hold at least them
            assertConsistent(tx, floor, "the native snapshot in " + snapshot);
        } finally {
            EngineFixture.deleteRecursively(snapshot);
        }
    }
}
