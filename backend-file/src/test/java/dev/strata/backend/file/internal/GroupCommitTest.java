package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With fsync durability, concurrent committers share forces, and every acknowledged commit survives a reopen. */
class GroupCommitTest {

    @TempDir
    Path directory;

    @Test
    void eightCommittersShareForces() throws Exception {
        int threads = 8;
        int commitsEach = 150;
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(directory, Durability.FSYNC,
                "checkpoint.interval", "0"))) {
            long forcesBefore = engine.metrics().extra().get("walForces").longValue();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < commitsEach; i++) {
                            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                                tx.put(bytes("t" + thread + "." + i), bytes("v" + i));
                                tx.commit();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            long forces = engine.metrics().extra().get("walForces").longValue() - forcesBefore;
            int commits = threads * commitsEach;
            assertTrue(forces > 0, "fsync durability forces the log");
            assertTrue(forces < commits, "group commit: " + forces + " forces for " + commits + " commits");
        }
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(directory, Durability.FSYNC))) {
            assertEquals(threads * commitsEach, Stores.contents(engine).size());
        }
    }
}
