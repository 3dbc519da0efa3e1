package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

/**
 * The power-loss tests' load: writers that each commit {@code c<writer>-<i>} and {@code last<writer>} in one
 * transaction, in a loop, and record every acknowledged commit's sequence, so that a crash image taken at any moment
 * can be checked against what was acknowledged before it ({@link XodusPowerLossTest#check}).
 */
final class CommittingWriters implements AutoCloseable {

    private final AtomicIntegerArray acknowledged;
    private final List<Map<Integer, Long>> sequences = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();

    CommittingWriters(StorageEngine engine, int writers) {
        acknowledged = new AtomicIntegerArray(writers);
        for (int w = 0; w < writers; w++) {
            acknowledged.set(w, -1);
            sequences.add(new ConcurrentHashMap<>());
        }
        pool = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(bytes("c" + writer + "-" + i), bytes(XodusPowerLossTest.value(writer, i)));
                        tx.put(bytes("last" + writer), bytes(Integer.toString(i)));
                        sequences.get(writer).put(i, tx.commit());
                    }
                    acknowledged.set(writer, i);
                }
                return null;
            }));
        }
    }

    /** Each writer's last acknowledged commit (-1: none yet), read before a crash image is taken. */
    int[] acknowledged() {
        int[] acked = new int[acknowledged.length()];
        for (int w = 0; w < acked.length; w++) {
            acked[w] = acknowledged.get(w);
        }
        return acked;
    }

    /** Per writer, commit number to the sequence its commit returned. */
    List<Map<Integer, Long>> sequences() {
        return sequences;
    }

    long commits() {
        return sequences.stream().mapToLong(Map::size).sum();
    }

    /** Stops the writers and waits for them; a writer's failure fails the test here. */
    @Override
    public void close() throws Exception {
        stop.set(true);
        for (Future<?> writer : running) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }
}
