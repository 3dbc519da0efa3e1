package dev.strata.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Single-entry commits that are on disk when they return (Strata durability {@code fsync}): one writer, and eight
 * writers sharing one store, where group commit lets concurrent commits share one force. The floor is
 * {@code raw-force}: append the entry's 116 bytes and {@code FileChannel.force(false)} per commit, one writer;
 * {@code raw-force-prealloc} does the same on a file zero-filled ahead of its records as the file engine's fsync
 * log is (the like-for-like floor; the growing file's figure stays beside it). {@code strata-xodus-growing} is the
 * Xodus engine on Xodus's own log files, which grow with every commit, as before its log was preallocated (A/B);
 * {@code raw-force-prealloc-slot} is the floor plus a rewrite of a header page per force, as Xodus's log does now.
 * Scores are commits per second, summed over the writing threads.
 * <p>
 * On a loaded machine give it more warm-ups ({@code --warmups 8}): the floor has almost nothing to compile, while the
 * engines' commit paths (core, engine, Xodus) were still being compiled by C2 15-20 s into a trial at a load of 18,
 * and their rates rose from one 2-second warm-up to the next until then (README, run 8).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurableCommitBenchmark {

    /**
     * The floor every goal is taken against (issue 7): {@code raw-force-prealloc} with one writer, forcing over
     * zero-filled, already allocated space as the engine's fsync log does. {@code raw-force} (a growing file) is shown
     * beside it.
     */
    static final String FLOOR = "raw-force-prealloc";
    static final String GROWING = "raw-force";

    /** Goals: commit rate as a multiple of the floor, per writer count (the file engine; Xodus for one writer). */
    static final double GOAL_ONE_WRITER = 0.9;
    static final double GOAL_EIGHT_WRITERS = 4.0;
    /** Xodus with eight writers: a multiple of its own one-writer rate. */
    static final double GOAL_XODUS_EIGHT_OVER_ONE = 2.0;

    /** Targets measured with one writer. */
    @State(Scope.Benchmark)
    public static class OneWriterStore extends OpenStore {
        @Param({"strata-file", "strata-xodus", "strata-xodus-growing", "raw-force", "raw-force-prealloc",
            "raw-force-prealloc-slot"})
        public String target;

        @Setup(Level.Trial)
        public void open() {
            open(target);
        }
    }

    /** Targets measured with eight writers on one store; the raw log has no group commit to show. */
    @State(Scope.Benchmark)
    public static class EightWriterStore extends OpenStore {
        @Param({"strata-file", "strata-xodus"})
        public String target;

        @Setup(Level.Trial)
        public void open() {
            open(target);
        }
    }

    /** One store for the whole trial; every commit writes a new key. */
    public abstract static class OpenStore {
        private final AtomicLong sequence = new AtomicLong();
        final byte[] value = new byte[Workload.VALUE_BYTES];
        CommitTarget store;

        void open(String target) {
            new Random(11).nextBytes(value);
            store = CommitTarget.create(target);
        }

        /** A new 16-character key: the same length as the other benchmarks' keys. */
        String nextKey() {
            String digits = Long.toString(sequence.incrementAndGet());
            return "k" + "0".repeat(15 - digits.length()) + digits;
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @Benchmark
    @Threads(1)
    public void oneWriter(OneWriterStore state) {
        state.store.commit(state.nextKey(), state.value);
    }

    @Benchmark
    @Threads(8)
    public void eightWriters(EightWriterStore state) {
        state.store.commit(state.nextKey(), state.value);
    }
}
