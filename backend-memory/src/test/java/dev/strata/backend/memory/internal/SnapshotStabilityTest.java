package dev.strata.backend.memory.internal;

import static dev.strata.backend.memory.internal.TestStores.bytes;
import static dev.strata.backend.memory.internal.TestStores.extra;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/**
 * Pruning races readers: a writer keeps rewriting a group of keys with one generation number per commit, and
 * creates and deletes a scratch key after each, while readers hold snapshots for a while and re-read them. Every read
 * of one snapshot must see one generation (and the scratch key either absent or of that generation, the same way
 * every time), however much was pruned and removed meanwhile.
 */
class SnapshotStabilityTest {

    private static final int KEYS = 16;
    private static final int GENERATIONS = 4_000;

    private static byte[] generation(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static byte[] key(int i) {
        return bytes(String.format("group.%02d", i));
    }

    @Test
    void everySnapshotSeesExactlyOneGeneration() throws Exception {
        StorageEngine engine = TestStores.open();
        writeGeneration(engine, 0);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    long snapshots = 0;
                    do {
                        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                            byte[] first = tx.get(key(0));
                            assertNotNull(first);
                            byte[] scratch = tx.get(bytes("scratch"));
                            if (scratch != null) {
                                assertArrayEquals(first, scratch, "scratch key of the snapshot's generation");
                            }
                            // read the group several times from the same snapshot while commits and pruning go on
                            for (int pass = 0; pass < 3; pass++) {
                                for (int i = 0; i < KEYS; i++) {
                                    assertArrayEquals(first, tx.get(key(i)), "key " + i + " in pass " + pass);
                                }
                                try (EngineCursor cursor = tx.cursor(KeyRange.prefix(bytes("group.")), pass % 2 == 1)) {
                                    int seen = 0;
                                    while (cursor.next()) {
                                        assertArrayEquals(first, cursor.value());
                                        seen++;
                                    }
                                    assertEquals(KEYS, seen);
                                }
                                assertArrayEquals(scratch, tx.get(bytes("scratch")), "scratch key stable");
                                Thread.yield();
                            }
                        }
                        snapshots++;
                    } while (writing.get());
                    return snapshots;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (long g = 1; g <= GENERATIONS; g++) {
                    writeGeneration(engine, g);
                }
                return null;
            });
            writer.get(2, TimeUnit.MINUTES);
            writing.set(false);
            for (Future<Long> reader : readers) {
                assertTrue(reader.get(1, TimeUnit.MINUTES) > 0);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        engine.compact();
        assertEquals(KEYS, extra(engine, "versions"), "once every reader closed, one version per key is left");
        assertEquals(KEYS, engine.metrics().keys());
        engine.close();
    }

    /** Rewrites the group, then creates and deletes the scratch key, so that pruning also removes keys. */
    private static void writeGeneration(StorageEngine engine, long g) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < KEYS; i++) {
                tx.put(key(i), generation(g));
            }
            tx.commit();
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("scratch"), generation(g));
            tx.commit();
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.delete(bytes("scratch"));
            tx.commit();
        }
    }
}
