package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit at {@code fsync}: the engine forces the log itself, outside every lock, so concurrent committers
 * share forces; a committer returns only after a force that covers its commit, and a failed force fails the
 * commit and puts the store in read-only mode.
 */
class XodusGroupCommitTest {

    private static final int WRITERS = 8;
    private static final int COMMITS_EACH = 25;

    @TempDir
    Path directory;

    private static EngineConfig fsync(Path directory) {
        return new EngineConfig("group", directory, Durability.FSYNC, Map.of(XodusStoreSettings.GC, "false"));
    }

    /** A real force, slowed like a disk so that committers pile up behind it; counts forces. */
    private static final class SlowCountingForce implements LogForce {
        final AtomicInteger forces = new AtomicInteger();
        /** Per file, the file's length when the last force of it began: what that force covered. */
        final Map<Path, Long> coveredBytes = new ConcurrentHashMap<>();

        @Override
        public void force(Path file) throws IOException {
            coveredBytes.merge(file, Files.size(file), Math::max);
            LogForce.CHANNEL.force(file);
            forces.incrementAndGet();
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void concurrentCommittersShareForces() throws Exception {
        SlowCountingForce force = new SlowCountingForce();
        try (StorageEngine engine = new XodusBackend(force).open(fsync(directory))) {
            force.forces.set(0); // opening forces a new store's first commits once
            CyclicBarrier start = new CyclicBarrier(WRITERS);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < COMMITS_EACH; i++) {
                        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                            tx.put(bytes("w" + writer + "-" + i), bytes("v" + i));
                            tx.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            int commits = WRITERS * COMMITS_EACH;
            int forces = force.forces.get();
            System.out.println("xodus group commit: " + commits + " commits, " + forces + " forces");
            assertTrue(forces >= 1, "fsync commits are forced");
            assertTrue(forces <= commits / 2, commits + " concurrent commits should share forces, took " + forces);
            assertEquals(forces, ((XodusEngine) engine).forces(), "one file forced per group");
            assertEquals("v" + (COMMITS_EACH - 1), get(engine, "w3-" + (COMMITS_EACH - 1)));
        }
    }

    @Test
    void anAcknowledgedCommitIsCoveredByAForceThatBeganAfterItWasWritten() throws IOException {
        SlowCountingForce force = new SlowCountingForce();
        try (StorageEngine engine = new XodusBackend(force).open(fsync(directory))) {
            for (int i = 0; i < 20; i++) {
                int before = force.forces.get();
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    tx.put(bytes("k" + i), bytes("x".repeat(100 + i)));
                    tx.commit();
                }
                Path log = XodusBitFlipTest.lastLogFile(directory);
                assertTrue(force.forces.get() > before, "commit " + i + " returned without a force");
                assertTrue(force.coveredBytes.getOrDefault(log, 0L) >= Files.size(log), "commit " + i
                        + " returned before a force covered its bytes: forced up to " + force.coveredBytes.get(log)
                        + " of " + Files.size(log));
            }
        }
    }

    @Test
    void osDurabilityCommitsAreNotForcedOneByOne() {
        SlowCountingForce force = new SlowCountingForce();
        EngineConfig os = new EngineConfig("group", directory, Durability.OS, Map.of());
        try (StorageEngine engine = new XodusBackend(force).open(os)) {
            force.forces.set(0); // opening forces a new store's first commits once
            for (int i = 0; i < 10; i++) {
                XodusTestStores.put(engine, "k" + i, "v");
            }
            assertEquals(0, force.forces.get());
        }
    }

    @Test
    void aFailedForceFailsTheCommitAndPutsTheStoreInReadOnlyMode() {
        AtomicBoolean failing = new AtomicBoolean();
        LogForce flaky = file -> {
            if (failing.get()) {
                throw new IOException("simulated EIO from fsync");
            }
            LogForce.CHANNEL.force(file);
        };
        try (StorageEngine engine = new XodusBackend(flaky).open(fsync(directory))) {
            XodusTestStores.put(engine, "before", "ok");
            failing.set(true);
            StorageException failed = assertThrows(StorageException.class,
                    () -> XodusTestStores.put(engine, "during", "not acknowledged"));
            assertTrue(failed.getMessage().contains("not forced") && failed.getMessage().contains("EIO"),
                    failed.getMessage());
            assertTrue(engine.isReadOnly(), "a failed force makes the store read-only");
            failing.set(false);
            assertThrows(ReadOnlyException.class, () -> engine.begin(TransactionMode.READ_WRITE));
            assertEquals("ok", get(engine, "before"), "reads go on");
        }
    }
}
