package dev.strata.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * What core's metrics recording costs on the hot path: {@code Store.get} on the memory engine with the metering
 * decorator (the default) and without it (store setting {@code metrics = off}). The two stores are read AT THE SAME
 * TIME, one thread each, in one JMH group: on this shared machine the load changes from second to second, and a
 * paired measurement gives both sides the same interference (run one after the other, the ratio swung from 0.57x to
 * 2.09x at load 13). The ratio is taken per iteration and its median reported ({@link BenchmarkReports}).
 * <p>
 * Two read patterns over the same {@link Workload#KEYS} loaded keys: random gets over all of them (bound by cache
 * misses, as {@link KeyValueBenchmark}), and gets cycling over a hot set of 1,000 keys that stays in the CPU
 * caches, where a get is cheapest and a fixed metering cost shows most. Scores are gets per second per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricsCostBenchmark {

    /** Goal: metering costs at most this share of get throughput. */
    static final double GOAL_COST = 0.05;

    private static final int GETS_PER_INVOCATION = 1_000;
    private static final int HOT_KEYS = 1_000;
    private static final Workload WORKLOAD = new Workload();

    /** One loaded store, metered or not. */
    public abstract static class Loaded {
        StrataStoreTarget store;
        int[] order;
        int next;

        void load(boolean metered) {
            store = new StrataStoreTarget("memory", "none", metered ? Map.of() : Map.of("metrics", "off"));
            WORKLOAD.putEveryKey(store);
            order = Workload.randomOrder();
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @State(Scope.Group)
    public static class Metered extends Loaded {
        @Setup(Level.Trial)
        public void open() {
            load(true);
        }
    }

    @State(Scope.Group)
    public static class Unmetered extends Loaded {
        @Setup(Level.Trial)
        public void open() {
            load(false);
        }
    }

    private static void randomGets(Loaded state, Blackhole sink) {
        int at = state.next;
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(WORKLOAD.keys[state.order[at]]));
            at = at + 1 == state.order.length ? 0 : at + 1;
        }
        state.next = at;
    }

    private static void hotGets(Loaded state, Blackhole sink) {
        for (int i = 0; i < GETS_PER_INVOCATION; i++) {
            sink.consume(state.store.get(WORKLOAD.keys[i % HOT_KEYS]));
        }
    }

    /**
     * Both stores read by ONE thread, alternating every {@value #GETS_PER_INVOCATION} gets (which goes first
     * alternates too), each half timed in the thread's own CPU time: descheduling by the other processes of a loaded
     * machine costs neither side, and both halves meet the same caches and the same load within milliseconds. The
     * counters are gets per CPU second of each store; {@link BenchmarkReports} takes their ratio per iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Interleaved {
        /** Gets per CPU second, metered store (named for BenchmarkReports' paired table). */
        public double interleavedOn;
        /** Gets per CPU second, unmetered store. */
        public double interleavedOff;
        final Metered metered = new Metered();
        final Unmetered unmetered = new Unmetered();
        private long onGets;
        private long onCpu;
        private long offGets;
        private long offCpu;
        private boolean meteredFirst;

        @Setup(Level.Trial)
        public void open() {
            metered.open();
            unmetered.open();
        }

        @Setup(Level.Iteration)
        public void reset() {
            onGets = onCpu = offGets = offCpu = 0;
        }

        @TearDown(Level.Trial)
        public void close() {
            metered.close();
            unmetered.close();
        }

        void half(Loaded store, boolean on, boolean hot, Blackhole sink) {
            long start = CPU.getCurrentThreadCpuTime();
            if (hot) {
                hotGets(store, sink);
            } else {
                randomGets(store, sink);
            }
            long cpu = CPU.getCurrentThreadCpuTime() - start;
            if (on) {
                onGets += GETS_PER_INVOCATION;
                onCpu += cpu;
                interleavedOn = onGets * 1e9 / Math.max(1, onCpu);
            } else {
                offGets += GETS_PER_INVOCATION;
                offCpu += cpu;
                interleavedOff = offGets * 1e9 / Math.max(1, offCpu);
            }
        }
    }

    /** The read pattern of {@link #interleaved}: {@code hot} or {@code random}, as the group benchmarks. */
    @State(Scope.Benchmark)
    public static class ReadPattern {
        @Param({"hot", "random"})
        public String reads;
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    @Benchmark
    @OperationsPerInvocation(2 * GETS_PER_INVOCATION)
    public void interleaved(Interleaved state, ReadPattern pattern, Blackhole sink) {
        boolean hot = pattern.reads.equals("hot");
        state.meteredFirst = !state.meteredFirst;
        state.half(state.meteredFirst ? state.metered : state.unmetered, state.meteredFirst, hot, sink);
        state.half(state.meteredFirst ? state.unmetered : state.metered, !state.meteredFirst, hot, sink);
    }

    @Benchmark
    @Group("random")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void randomOn(Metered state, Blackhole sink) {
        randomGets(state, sink);
    }

    @Benchmark
    @Group("random")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void randomOff(Unmetered state, Blackhole sink) {
        randomGets(state, sink);
    }

    @Benchmark
    @Group("hot")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void hotOn(Metered state, Blackhole sink) {
        hotGets(state, sink);
    }

    @Benchmark
    @Group("hot")
    @GroupThreads(1)
    @OperationsPerInvocation(GETS_PER_INVOCATION)
    public void hotOff(Unmetered state, Blackhole sink) {
        hotGets(state, sink);
    }
}
