package dev.strata.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionOptions;

/**
 * What SERIALIZABLE costs against SNAPSHOT on the file engine (durability {@code none}; the memory engine beside it
 * for information): a read-modify-write
 * transaction (get a key, put it back changed, commit; retried on conflict by {@code Store.inTransaction}) on
 * zipfian keys ({@link ZipfianKeys}) of {@value #KEYS} loaded keys, eight threads per store. The two stores (one
 * per level) run AT THE SAME TIME in one JMH group, eight threads each, so both sides share this machine's changing
 * load; the ratio is taken per iteration and its median reported. Scores are committed transactions per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerializableCostBenchmark {

    /** Goal: serializable costs at most this share of snapshot's throughput. */
    static final double GOAL_COST = 0.15;
    static final int KEYS = 100_000;
    private static final Workload WORKLOAD = new Workload(KEYS);
    private static final double ZETA = ZipfianKeys.zeta(KEYS);
    private static final AtomicLong SEEDS = new AtomicLong(99);

    /** One loaded file store and the transaction options of its level. */
    public abstract static class Loaded {
        StrataStoreTarget store;
        TransactionOptions options;

        void load(String engine, IsolationLevel level) {
            store = new StrataStoreTarget(engine, "none");
            WORKLOAD.putEveryKey(store);
            options = TransactionOptions.DEFAULT.withIsolation(level).withMaxAttempts(1_000);
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @State(Scope.Group)
    public static class SnapshotStore extends Loaded {
        /** {@code file} is the goal's engine; {@code memory} for information (it offers both levels). */
        @Param({"file", "memory"})
        public String engine;

        @Setup(Level.Trial)
        public void open() {
            load(engine, IsolationLevel.SNAPSHOT);
        }
    }

    @State(Scope.Group)
    public static class SerializableStore extends Loaded {
        /** {@code file} is the goal's engine; {@code memory} for information (it offers both levels). */
        @Param({"file", "memory"})
        public String engine;

        @Setup(Level.Trial)
        public void open() {
            load(engine, IsolationLevel.SERIALIZABLE);
        }
    }

    /** Each thread's own key chooser. */
    @State(Scope.Thread)
    public static class Keys {
        ZipfianKeys zipf;

        @Setup(Level.Trial)
        public void open() {
            zipf = new ZipfianKeys(KEYS, ZETA, SEEDS.incrementAndGet());
        }
    }

    private static void readModifyWrite(Loaded state, Keys keys) {
        String key = WORKLOAD.keys[keys.zipf.next()];
        state.store.store().inTransaction(state.options, tx -> {
            byte[] value = tx.get(key).orElseThrow();
            byte[] changed = value.clone();
            changed[0]++;
            tx.put(key, changed);
        });
    }

    @Benchmark
    @Group("rmw")
    @GroupThreads(8)
    public void rmwSnapshot(SnapshotStore state, Keys keys) {
        readModifyWrite(state, keys);
    }

    @Benchmark
    @Group("rmw")
    @GroupThreads(8)
    public void rmwSerializable(SerializableStore state, Keys keys) {
        readModifyWrite(state, keys);
    }
}
