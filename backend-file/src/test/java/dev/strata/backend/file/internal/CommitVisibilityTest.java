package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot's sequence must never run ahead of the data it reads. At {@code fsync} a commit is published to new
 * snapshots when a force covers its log record, and the force leader may be another committer's thread, running
 * outside the commit lock: it must not publish a commit whose versions are still on their way into the memory
 * table (a reader at that sequence would see the key's value from before the commit, as core's read cache once
 * did: the value before a delete committed at the reader's own snapshot).
 * <p>
 * Each writer rewrites its whole group of keys in every commit (alternately all put to the round's value, all
 * deleted); readers read each group backwards (the keys go into the memory table forwards), so a snapshot that
 * includes a half-applied commit shows two values in one group. Forces are simulated ({@link PowerLossFiles} with
 * no crash), so they are instant and the window between the log append and the memory table is not hidden behind
 * a real disk's force.
 */
class CommitVisibilityTest {

    private static final int WRITERS = 3;
    private static final int READERS = 2;
    private static final int KEYS = 500;
    private static final int COMMITS_PER_WRITER = 100;

    @TempDir
    Path temp;

    @Test
    void aSnapshotNeverSeesHalfOfACommitItsSequenceIncludes() throws Exception {
        PowerLossFiles instantForces = new PowerLossFiles(temp, new Random(1));
        AtomicReference<String> violation = new AtomicReference<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong snapshotsRead = new AtomicLong();
        try (StorageEngine engine = new TestFileBackend().withChannels(instantForces)
                .open(Stores.config(temp, Durability.FSYNC))) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(engine, writer)));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get() && violation.get() == null) {
                        String seen = readGroups(engine);
                        snapshotsRead.incrementAndGet();
                        if (seen != null) {
                            violation.compareAndSet(null, seen);
                        }
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        assertEquals(null, violation.get(), "a snapshot saw part of a commit its sequence includes");
        assertTrue(snapshotsRead.get() > 100, "the readers read while the writers wrote: " + snapshotsRead.get());
    }

    private static void write(StorageEngine engine, int writer) {
        for (int round = 1; round <= COMMITS_PER_WRITER; round++) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int k = 0; k < KEYS; k++) {
                    if (round % 2 == 0) {
                        tx.delete(key(writer, k));
                    } else {
                        tx.put(key(writer, k), bytes(Integer.toString(round)));
                    }
                }
                tx.commit();
            }
        }
    }

    /** @return what broke, or {@code null} when every group read as one commit left it */
    private static String readGroups(StorageEngine engine) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            for (int w = 0; w < WRITERS; w++) {
                String last = Stores.text(tx.get(key(w, KEYS - 1)));
                for (int k = KEYS - 2; k >= 0; k--) {
                    String value = Stores.text(tx.get(key(w, k)));
                    if (!java.util.Objects.equals(last, value)) {
                        return "snapshot " + tx.snapshotSequence() + ": writer " + w + "'s key " + (KEYS - 1)
                                + " is " + last + " but key " + k + " is " + value;
                    }
                }
            }
            return null;
        }
    }

    private static byte[] key(int writer, int k) {
        return bytes(String.format("w%d/k%03d", writer, k));
    }
}
