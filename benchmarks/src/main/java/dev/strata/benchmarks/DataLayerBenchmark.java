package dev.strata.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.strata.api.PutOptions;
import dev.strata.api.Store;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What core's data layer costs or gains on the hot path, each as a pair of stores measured AT THE SAME TIME (one
 * thread each, in one JMH group, the ratio taken per iteration, as {@link MetricsCostBenchmark} does: on this shared
 * machine only a paired measurement gives both sides the same interference).
 * <ul>
 * <li>{@code get}: {@code Store.get} of keys put with a time to live (1 day: they never expire during the run) against
 * keys put without, on the memory engine, random keys of {@value #KEYS}: the cost of the expiry check and the longer
 * record header on the read path.</li>
 * <li>{@code cache}: gets cycling over a hot set of {@value #HOT_KEYS} keys of a file store ({@value #KEYS} keys
 * loaded, checkpointed) with core's read cache ({@code read.cache.size=64m}) against the same without it.</li>
 * <li>{@code ingest}: batched puts (transactions of {@value #BATCH} new keys) with a time to live against puts without
 * one, on file stores at durability {@code none}: the cost of the expiry index entry written with each key.</li>
 * </ul>
 * Values are {@value #VALUE_BYTES} bytes. Scores are operations per second per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataLayerBenchmark {

    /** Goal (issue 12): repeated gets of a hot set through the read cache on the file engine at least this many times faster. */
    static final double GOAL_CACHE_SPEEDUP = 2.0;

    static final int KEYS = 100_000;
    static final int HOT_KEYS = 1_000;
    static final int BATCH = 1_000;
    static final int VALUE_BYTES = 100;
    private static final int GETS_PER_INVOCATION = 1_000;
    private static final Duration DAY = Duration.ofDays(1);

    static final String[] KEY_NAMES = new String[KEYS];

    static {
        for (int i = 0; i < KEYS; i++) {
            KEY_NAMES[i] = String.format("user.%08d", Integer.reverse(i) >>> 1); // spread over the key space
        }
    }

    /** One store, loaded once per trial. */
    public abstract static class Loaded {
        StrataStoreTarget target;
        Store store;
        int[] order;
        int next;

        void open(String engine, Map<String, Object> settings, Duration ttl) {
            target = new StrataStoreTarget(engine, "none", settings);
            store = target.store();
            byte[] value = new byte[VALUE_BYTES];
            PutOptions options = ttl == null ? PutOptions.DEFAULT : PutOptions.ttl(ttl);
            for (int from = 0; from < KEYS; from += BATCH) {
                int start = from;
                store.inTransaction(tx -> {
                    for (int i = start; i < Math.min(KEYS, start + BATCH); i++) {
                        tx.put(KEY_NAMES[i], value, options);
                    }
                });
            }
            if (engine.equals("file")) {
                target.store().maintain(e -> e.checkpoint()); // reads come from segments, not the write log
            }
            order = Workload.randomOrder(KEYS);
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            target.close();
        }
    }

    @State(Scope.Group)
    public static class WithTtl extends Loaded {
        @Setup(Level.Trial)
        public void setUp() {
            open("memory", Map.of(), DAY);
        }
    }

    @State(Scope.Group)
    public static class WithoutTtl extends Loaded {
        @Setup(Level.Trial)
        public void setUp() {
            open("memory", Map.of(), null);
        }
    }

    @State(Scope.Group)
    public static class FileCached extends Loaded {
        @Setup(Level.Trial)
        public void setUp() {
            open("file", Map.of("name", "cached", "read.cache.size", "64m"), null);
        }
    }

    @State(Scope.Group)
    public static class FileUncached extends Loaded {
        @Setup(Level.Trial)
        public void setUp() {
            open("file", Map.of("name", "uncached"), null);
        }
    }

    /** An empty file store that grows by batches of new keys. */
    public abstract static class Ingest {
        StrataStoreTarget target;
        long next;
        final byte[] value = new byte[VALUE_BYTES];

        @TearDown(Level.Trial)
        public void close() {
            target.close();
        }

        void batch(PutOptions options) {
            long first = next;
            next += BATCH;
            target.store().inTransaction(tx -> {
                for (long i = first; i < first + BATCH; i++) {
                    tx.put("ingest." + Long.toHexString(i * 0x9E3779B97F4A7C15L), value, options);
                }
            });
        }
    }

    @State(Scope.Group)
    public static class IngestWithTtl extends Ingest {
        @Setup(Level.Trial)
        public void setUp() {
            target = new StrataStoreTarget("file", "none", Map.of("name", "ttl"));
        }
    }

    @State(Scope.Group)
    public static class IngestWithoutTtl extends Ingest {
        @Setup(Level.Trial)
        public void setUp() {
            target = new StrataStoreTarget("file", "none", Map.of("name", "plain"));
        }
    }

    private static void randomGets(Loaded state, Blackhole sink) {
        int at = state.next;
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(KEY_NAMES[state.order[at]]));
            at = at + 1 == state.order.length ? 0 : at + 1;
        }
        state.next = at;
    }

    private static void hotGets(Loaded state, Blackhole sink) {
        int at = state.next;
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(KEY_NAMES[state.order[at]]));
            at = at + 1 == HOT_KEYS ? 0 : at + 1;
        }
        state.next = at;
    }

    @Benchmark
    @Group("get")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void getTtl(WithTtl state, Blackhole sink) {
        randomGets(state, sink);
    }

    @Benchmark
    @Group("get")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void getPlain(WithoutTtl state, Blackhole sink) {
        randomGets(state, sink);
    }

    @Benchmark
    @Group("cache")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void cacheOn(FileCached state, Blackhole sink) {
        hotGets(state, sink);
    }

    @Benchmark
    @Group("cache")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void cacheOff(FileUncached state, Blackhole sink) {
        hotGets(state, sink);
    }

    @Benchmark
    @Group("ingest")
    @GroupThreads(1)
    @OperationsPerInvocation(BATCH)
    public void ingestTtl(IngestWithTtl state) {
        state.batch(PutOptions.ttl(DAY));
    }

    @Benchmark
    @Group("ingest")
    @GroupThreads(1)
    @OperationsPerInvocation(BATCH)
    public void ingestPlain(IngestWithoutTtl state) {
        state.batch(PutOptions.DEFAULT);
    }

    /** The pairs, for the report: group, subject method, baseline method, and the least ratio that meets a goal. */
    static final List<PairedRatios.Pair> PAIRS = List.of(
            new PairedRatios.Pair("get", "getTtl", "getPlain", Double.NaN),
            new PairedRatios.Pair("cache", "cacheOn", "cacheOff", GOAL_CACHE_SPEEDUP),
            new PairedRatios.Pair("ingest", "ingestTtl", "ingestPlain", Double.NaN));
}
