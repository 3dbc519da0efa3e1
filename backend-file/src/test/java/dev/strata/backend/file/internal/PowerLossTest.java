package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.strata.api.ConflictException;
import dev.strata.api.Durability;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss at random points of a busy {@code fsync} store: three writers commit, a fourth thread checkpoints and
 * compacts, small memory tables and logs make flushes, compactions and manifest replacements frequent; the disk
 * keeps only what was forced ({@link PowerLossFiles}), sometimes with the last write torn, sometimes with some
 * unforced directory changes kept. A quarter of the rounds crash at a directory force, a quarter at a crowded one
 * (two or more changes in flight, one a new name: new names lost, replacements kept), a quarter at any event, and a
 * quarter at the first crowded directory force of a full compaction run once the writers are done. After each crash the store must open writable, hold every acknowledged commit,
 * and hold a prefix of the commit order: per writer a prefix of its commits, and exactly as many commits as the
 * recovered sequence number says (sequence numbers are given one per commit, in commit order).
 * {@code -Dstrata.powerloss.crashes=N} for more rounds, {@code -Dstrata.powerloss.seed=S} to repeat a run.
 */
class PowerLossTest {

    private static final int ROUNDS = Integer.getInteger("strata.powerloss.crashes", 80);
    private static final int WRITERS = 3;
    private static final int COMMITS_PER_WRITER = 500;
    /** Past the events a round makes, so that some rounds crash only after the work is done. */
    private static final int MAX_CRASH_EVENT = 4000;
    /** A third of the rounds crash at a directory force instead, where renames and creations are in flight. */
    private static final int MAX_CRASH_DIRECTORY_FORCE = 40;
    /**
     * A third crash at a crowded directory force (two or more changes in flight, one a new name), losing the new
     * names: what a missing flush or compaction directory force leaves (the segment's name, then the manifest's
     * replacement, under one force). Correct code makes few of them, so the first few are the ones to hit.
     */
    private static final int MAX_CRASH_CROWDED_DIRECTORY_FORCE = 4;

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedCommitSurvivesAndRecoveryIsAPrefixOfTheCommitOrder() throws Exception {
        long seed = Long.getLong("strata.powerloss.seed", System.nanoTime());
        Random seeds = new Random(seed);
        int[] midWork = new int[1];
        int crowded = 0;
        long[] acknowledged = new long[1];
        for (int round = 0; round < ROUNDS; round++) {
            long roundSeed = seeds.nextLong();
            try {
                Workload work = runRound(round, roundSeed);
                crowded += work.crashedAtCrowdedForce ? 1 : 0;
                for (int w = 0; w < WRITERS; w++) {
                    acknowledged[0] += work.acknowledged[w] + 1;
                    midWork[0] += work.inDoubt[w] ? 1 : 0;
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("round " + round + " failed (-Dstrata.powerloss.seed=" + seed + ", round seed "
                        + roundSeed + "): " + e.getMessage(), e);
            }
        }
        System.out.println("power loss: " + ROUNDS + " crashes, " + acknowledged[0] + " acknowledged commits checked, "
                + midWork[0] + " commits in doubt at the crash, " + crowded + " crashes at a crowded directory force");
        assertTrue(midWork[0] > ROUNDS / 2, "most crashes hit writers at work");
    }

    private Workload runRound(int round, long roundSeed) throws Exception {
        Random random = new Random(roundSeed);
        Path live = temp.resolve("live-" + round);
        Path recovered = temp.resolve("recovered-" + round);
        Files.createDirectories(live);
        PowerLossFiles disk = new PowerLossFiles(live, random);
        int mode = random.nextInt(4);
        boolean atQuietCompaction = mode == 3;
        if (mode == 0) {
            disk.crashAtCrowdedDirectoryForce(1 + random.nextInt(MAX_CRASH_CROWDED_DIRECTORY_FORCE), random.nextBoolean());
        } else if (mode == 1) {
            disk.crashAtDirectoryForce(1 + random.nextInt(MAX_CRASH_DIRECTORY_FORCE), random.nextBoolean(),
                    random.nextInt(4) > 0);
        } else if (mode == 2) {
            disk.crashAt(1 + random.nextInt(MAX_CRASH_EVENT), random.nextBoolean(), random.nextInt(4) == 0);
        }
        Workload work = new Workload();
        if (atQuietCompaction) { // armed only once the writers are done: see Workload.quietCompaction
            work.beforeQuietCompaction = () -> disk.crashAtCrowdedDirectoryForce(1, random.nextBoolean());
        }
        StorageEngine engine = null;
        try {
            engine = new TestFileBackend().withChannels(disk).open(config(live));
        } catch (StorageException e) {
            assertTrue(disk.crashed(), "the store failed to open without a crash: " + e);
        }
        if (engine != null) {
            work.run(engine);
        }
        disk.powerOff();
        if (engine != null) {
            engine.close();
        }
        disk.materialize(recovered);
        String crash = disk.crashNote();
        work.crashedAtCrowdedForce = crash.startsWith("at crowded");
        try (StorageEngine reopened = new TestFileBackend().open(config(recovered))) {
            assertFalse(reopened.isReadOnly(), "a crash is not damage: the store opens writable; " + crash + "; "
                    + ((FileEngine) reopened).problems());
            long recoveredSeq = snapshotSeq(reopened);
            work.check(Stores.contents(reopened), recoveredSeq, crash);
            try (EngineTransaction tx = reopened.begin(TransactionMode.READ_WRITE)) {
                tx.put(bytes("after"), bytes("crash"));
                assertEquals(recoveredSeq + 1, tx.commit(), "the log's sequence numbers go on after recovery");
            }
        }
        Stores.deleteDirectory(live);
        Stores.deleteDirectory(recovered);
        return work;
    }

    private static long snapshotSeq(StorageEngine engine) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            return tx.snapshotSequence();
        }
    }

    private static EngineConfig config(Path directory) {
        return Stores.config(directory, Durability.FSYNC, "memtable.size", "64k", "wal.maxBytes", "64k",
                "checkpoint.interval", "0", "compaction.maxSegments", "2", "block.size", "1k");
    }

    /** Commit (writer, i) writes key {@code k/w/i}, sets {@code last/w} to i, and every fourth deletes an older key. */
    private static final class Workload {
        final int[] acknowledged = new int[WRITERS];
        /** The highest commit sequence acknowledged to any writer. */
        final java.util.concurrent.atomic.AtomicLong highestAcknowledgedSeq = new java.util.concurrent.atomic.AtomicLong();
        final boolean[] inDoubt = new boolean[WRITERS];
        boolean crashedAtCrowdedForce;
        /** Arms the crash of a round that crashes at the quiet compaction (run after its checkpoint), or nothing. */
        Runnable beforeQuietCompaction;
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();

        Workload() {
            java.util.Arrays.fill(acknowledged, -1);
        }

        void run(StorageEngine engine) throws InterruptedException {
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> write(engine, writer), "writer-" + w));
            }
            Thread maintenance = new Thread(() -> maintain(engine, writing), "maintenance");
            threads.forEach(Thread::start);
            maintenance.start();
            for (Thread thread : threads) {
                thread.join();
            }
            writing.set(false);
            maintenance.join();
            quietCompaction(engine, beforeQuietCompaction);
            if (unexpected.get() != null) {
                throw new AssertionError("unexpected failure: " + unexpected.get(), unexpected.get());
            }
        }

        private void write(StorageEngine engine, int w) {
            for (int i = 0; i < COMMITS_PER_WRITER; i++) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    apply(w, i, tx);
                    long seq = tx.commit();
                    highestAcknowledgedSeq.accumulateAndGet(seq, Math::max);
                    acknowledged[w] = i;
                } catch (ConflictException e) {
                    unexpected.set(e); // writers touch disjoint keys
                    return;
                } catch (StorageException e) {
                    inDoubt[w] = true; // the power went: this commit may or may not have reached the disk
                    return;
                }
            }
        }

        private static void maintain(StorageEngine engine, AtomicBoolean writing) {
            int round = 0;
            while (writing.get()) {
                try {
                    if (++round % 5 == 0) {
                        engine.compact();
                    } else {
                        engine.checkpoint();
                    }
                    Thread.sleep(1);
                } catch (StorageException e) {
                    return; // the power went
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * A flush and a full compaction with no writer about: while writers run, their log rotations force the
         * directory every few milliseconds and so cover a flush's or compaction's missing directory force; here
         * nothing does, and a crowded-directory crash point finds it. A quarter of the rounds arm their crash only
         * here, after a checkpoint has flushed what the writers left: the next crowded directory force is then the
         * compaction's own (its new segment's name and the manifest's replacement in flight at once when the force
         * after writing the segment is missing), so that such a round catches a missing compaction directory force
         * every time, not only when a random crash point happens to land on it.
         */
        private static void quietCompaction(StorageEngine engine, Runnable armCrash) {
            try {
                if (armCrash != null) {
                    engine.checkpoint();
                    armCrash.run();
                }
                engine.compact();
            } catch (StorageException e) {
                // the power went
            }
        }

        private static void apply(int w, int i, EngineTransaction tx) {
            tx.put(bytes("k/" + w + "/" + i), bytes(value(w, i)));
            tx.put(bytes("last/" + w), bytes(Integer.toString(i)));
            if (i % 4 == 3) {
                tx.delete(bytes("k/" + w + "/" + (i - 2)));
            }
        }

        private static String value(int w, int i) {
            return "value " + w + "/" + i + " " + "x".repeat(120 + (i * 7) % 100);
        }

        /** The state after writer w's commits 0..last, every other writer's keys left out. */
        private static TreeMap<String, String> model(int w, int last) {
            TreeMap<String, String> state = new TreeMap<>();
            for (int i = 0; i <= last; i++) {
                state.put("k/" + w + "/" + i, value(w, i));
                state.put("last/" + w, Integer.toString(i));
                if (i % 4 == 3) {
                    state.remove("k/" + w + "/" + (i - 2));
                }
            }
            return state;
        }

        void check(TreeMap<String, String> found, long recoveredSeq, String crash) {
            TreeMap<String, String> expected = new TreeMap<>();
            long commits = 0;
            for (int w = 0; w < WRITERS; w++) {
                String lastText = found.get("last/" + w);
                int last = lastText == null ? -1 : Integer.parseInt(lastText);
                if (last < acknowledged[w]) {
                    fail("writer " + w + ": commit " + acknowledged[w] + " was acknowledged but the store holds only up to "
                            + last + "; " + crash);
                }
                int allowed = acknowledged[w] + (inDoubt[w] ? 1 : 0);
                if (last > allowed) {
                    fail("writer " + w + ": the store holds commit " + last + " which was never attempted; " + crash);
                }
                expected.putAll(model(w, last));
                commits += last + 1;
            }
            assertEquals(expected, found, "each writer's keys are those of a prefix of its commits; " + crash);
            assertTrue(highestAcknowledgedSeq.get() <= recoveredSeq, "commit " + highestAcknowledgedSeq.get()
                    + " was acknowledged, the store recovered up to " + recoveredSeq + "; " + crash);
            assertEquals(commits, recoveredSeq, "the recovered sequence number counts the commits present, so no"
                    + " commit is missing before a later one; " + crash);
        }
    }
}
