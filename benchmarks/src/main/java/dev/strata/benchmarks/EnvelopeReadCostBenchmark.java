package dev.strata.benchmarks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.strata.api.PutOptions;
import dev.strata.api.Store;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.Keys;

import org.openjdk.jmh.annotations.AuxCounters;
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
 * Issue 12's "reads of keys that have no TTL or metadata cost at most 5% more than before the record envelope":
 * today's {@code Store.get} of keys put without ttl or tags ({@code On}: the value sits in its 26-byte envelope, and
 * the read checks the flags and copies the value out) against <b>the read path core had before the envelope</b>,
 * rebuilt outside core over a second store of the same engine whose values are raw, as that core stored them
 * ({@code Off}). That path was {@code Keys.encode}, entering the store's engine gate, one get on the engine as core
 * serves it (its metering decorator included), and {@code Optional.ofNullable}; the rebuild runs exactly that:
 * {@code Keys.encode}, then {@link dev.strata.core.internal.ManagedStore#maintain} (which enters and leaves the same
 * gate) around a get on {@code store.engine()} (the same decorated engine). It leaves out only the old path's check
 * for a fallback route (one volatile read), and adds a lambda.
 * <p>
 * Method: as {@link MetricsCostBenchmark#interleaved}: ONE thread alternates the two stores every
 * {@value #GETS_PER_INVOCATION} random gets (which goes first alternates too), each half timed in the thread's CPU
 * time, so descheduling on a loaded machine costs neither side. Counters: gets per CPU second of each;
 * {@link BenchmarkReports} takes their ratio per iteration. {@value #KEYS} keys of {@value #VALUE_BYTES} bytes on
 * the memory engine and on the file engine (checkpointed, so reads come from its segments and block cache).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeReadCostBenchmark {

    /** Goal (issue 12): the envelope may cost at most this share of the pre-envelope read rate. */
    static final double GOAL_COST = 0.05;

    static final int KEYS = 100_000;
    static final int VALUE_BYTES = 100;
    private static final int BATCH = 1_000;
    private static final int GETS_PER_INVOCATION = 1_000;
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** The engine both stores run on. */
    @State(Scope.Benchmark)
    public static class Engine {
        @Param({"memory", "file"})
        public String engine;
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Interleaved {
        /** Gets per CPU second, today's Store.get of enveloped values. */
        public double envelopeCostOn;
        /** Gets per CPU second, the pre-envelope read path over raw values. */
        public double envelopeCostOff;

        StrataStoreTarget enveloped;
        StrataStoreTarget raw;
        StorageEngine rawEngine;
        int[] order;
        int next;
        private long onGets;
        private long onCpu;
        private long offGets;
        private long offCpu;
        private boolean envelopeFirst;
        private byte[] read;

        @Setup(Level.Trial)
        public void open(Engine choice) {
            String engine = choice.engine;
            byte[] value = new byte[VALUE_BYTES];
            enveloped = new StrataStoreTarget(engine, "none", Map.of("name", "enveloped"));
            raw = new StrataStoreTarget(engine, "none", Map.of("name", "raw"));
            Store store = enveloped.store();
            rawEngine = raw.store().engine().orElseThrow();
            for (int from = 0; from < KEYS; from += BATCH) {
                int start = from;
                store.inTransaction(tx -> {
                    for (int i = start; i < Math.min(KEYS, start + BATCH); i++) {
                        tx.put(DataLayerBenchmark.KEY_NAMES[i], value, PutOptions.DEFAULT);
                    }
                });
                try (EngineTransaction tx = rawEngine.begin(TransactionMode.READ_WRITE)) {
                    for (int i = start; i < Math.min(KEYS, start + BATCH); i++) {
                        tx.put(Keys.encode(DataLayerBenchmark.KEY_NAMES[i]), value); // as core stored values before
                    }
                    tx.commit();
                }
            }
            if (engine.equals("file")) {
                enveloped.store().maintain(StorageEngine::checkpoint);
                raw.store().maintain(StorageEngine::checkpoint);
            }
            order = Workload.randomOrder(KEYS);
            Workload.settleHeap();
        }

        @Setup(Level.Iteration)
        public void reset() {
            onGets = onCpu = offGets = offCpu = 0;
        }

        @TearDown(Level.Trial)
        public void close() {
            enveloped.close();
            raw.close();
        }

        /** The read path of core before the record envelope, over the raw store. */
        Optional<byte[]> preEnvelopeGet(String key) {
            byte[] encoded = Keys.encode(key);
            raw.store().maintain(engine -> read = engine.get(encoded));
            return Optional.ofNullable(read);
        }

        void half(boolean envelope, Blackhole sink) {
            int at = next;
            long start = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < GETS_PER_INVOCATION; i++) {
                String key = DataLayerBenchmark.KEY_NAMES[order[at]];
                sink.consume(envelope ? enveloped.store().get(key) : preEnvelopeGet(key));
                at = at + 1 == order.length ? 0 : at + 1;
            }
            long cpu = CPU.getCurrentThreadCpuTime() - start;
            if (envelope) {
                onGets += GETS_PER_INVOCATION;
                onCpu += cpu;
                envelopeCostOn = onGets * 1e9 / Math.max(1, onCpu);
            } else {
                next = at; // both halves read the same keys in the same order
                offGets += GETS_PER_INVOCATION;
                offCpu += cpu;
                envelopeCostOff = offGets * 1e9 / Math.max(1, offCpu);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * GETS_PER_INVOCATION)
    public void envelopeCost(Interleaved state, Blackhole sink) {
        state.envelopeFirst = !state.envelopeFirst;
        state.half(state.envelopeFirst, sink);
        state.half(!state.envelopeFirst, sink);
    }
}
