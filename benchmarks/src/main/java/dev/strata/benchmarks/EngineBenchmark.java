package dev.strata.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The foundation workload ({@link KeyValueBenchmark}) on persistent engines, ours through the Strata API beside the
 * raw engines through their own APIs, in one run: batched puts of {@link Workload#KEYS} random keys (1,000 per
 * transaction) into an empty store, random gets, and a full scan. Every target writes without syncing (Strata
 * durability {@code none}), so the comparison is about the engines. Scores are nanoseconds per entry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBenchmark {

    /** Ratios in the table: every Strata target against these, for the operations named. */
    static final RateTable.Baseline[] BASELINES = {
        new RateTable.Baseline("rocksdb", "batchedPuts"),
        new RateTable.Baseline("lmdb", "randomGets"),
        new RateTable.Baseline("raw-xodus", "batchedPuts", "randomGets", "fullScan"),
    };

    private static final int GETS_PER_INVOCATION = 1_000;

    /** Shared by every state of a fork: generating a million unique keys takes a while. */
    private static final Workload WORKLOAD = new Workload();

    /** An empty store per iteration (in a fresh directory), so every iteration inserts into an empty store. */
    @State(Scope.Benchmark)
    public static class Empty {
        @Param({"strata-file", "strata-xodus", "raw-xodus", "lmdb", "rocksdb"})
        public String target;
        KeyValueTarget store;

        @Setup(Level.Iteration)
        public void open() {
            store = KeyValueTarget.create(target);
        }

        @TearDown(Level.Iteration)
        public void close() {
            store.close();
        }
    }

    /** A store loaded once per fork with every key. */
    @State(Scope.Benchmark)
    public static class Loaded {
        @Param({"strata-file", "strata-xodus", "raw-xodus", "lmdb", "rocksdb"})
        public String target;
        KeyValueTarget store;
        int[] order;
        int next;

        @Setup(Level.Trial)
        public void load() {
            store = KeyValueTarget.create(target);
            WORKLOAD.putEveryKey(store);
            order = Workload.randomOrder();
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(1_000_000)
    public void batchedPuts(Empty state) {
        WORKLOAD.putEveryKey(state.store);
    }

    @Benchmark
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void randomGets(Loaded state, Blackhole sink) {
        int at = state.next;
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(WORKLOAD.keys[state.order[at]]));
            at = at + 1 == state.order.length ? 0 : at + 1;
        }
        state.next = at;
    }

    /**
     * Repeated full scans for the whole iteration (not one single shot): one scan of a loaded store takes tens of
     * milliseconds, less than one young collection, so a single shot measures the collector more than the scan.
     */
    @Benchmark
    @OperationsPerInvocation(1_000_000)
    public long fullScan(Loaded state) {
        return state.store.scanAll();
    }
}
