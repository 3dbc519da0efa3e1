package dev.strata.benchmarks;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * YCSB's core workloads on zipfian keys ({@link ZipfianKeys}), one thread, each operation one JMH sample (so the
 * report has p99 latency beside throughput): A 50% reads / 50% updates; B 95% / 5%; C reads only; E 95% short scans
 * (1-100 entries from a zipfian key, uniform length) / 5% inserts of new keys; F 50% reads / 50%
 * read-modify-writes. Targets: the file engine through the Strata API (durability {@code os}, its default: each commit
 * written to the OS before it returns, as RocksDB's default write-ahead log is), LMDB ({@code MDB_NOSYNC}) and
 * RocksDB tuned as its users run it (Bloom filter 10 bits per key, LRU block cache), the
 * file engine's and RocksDB's block caches both {@link #CACHE_SHARE} of the loaded data's bytes.
 * {@code -Dstrata.bench.ycsb.keys} keys (default 1,000,000) of 16 bytes with 100-byte values.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class YcsbBenchmark {

    static final int KEYS = Integer.getInteger("strata.bench.ycsb.keys", 1_000_000);
    static final double CACHE_SHARE = 0.10;
    static final String BASELINE = "rocksdb-tuned";
    private static final int MAX_SCAN = 100;
    private static final Workload WORKLOAD = new Workload(KEYS);
    private static final double ZETA = ZipfianKeys.zeta(KEYS);

    /** The block caches' size: a tenth of the keys' and values' bytes, in whole MiB (at least one). */
    static long cacheBytes() {
        long data = (long) KEYS * (16 + Workload.VALUE_BYTES);
        return Math.max(1, (long) (data * CACHE_SHARE) >> 20) << 20;
    }

    @State(Scope.Benchmark)
    public static class Loaded {
        @Param({"strata-file", "lmdb", "rocksdb-tuned"})
        public String target;
        @Param({"A", "B", "C", "E", "F"})
        public String workload;
        YcsbTarget store;
        ZipfianKeys zipf;
        java.util.Random random;
        final AtomicLong inserted = new AtomicLong();
        byte[] changed;

        @Setup(Level.Trial)
        public void load() {
            store = YcsbTarget.create(target, cacheBytes());
            WORKLOAD.putEveryKey(store);
            zipf = new ZipfianKeys(KEYS, ZETA, 42);
            random = new java.util.Random(43);
            changed = WORKLOAD.value.clone();
            changed[0]++;
            Workload.settleHeap();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }

        String key() {
            return WORKLOAD.keys[zipf.next()];
        }

        void update(String key) {
            store.putBatch(new String[] {key}, 0, 1, changed);
        }

        String newKey() {
            String digits = Long.toString(inserted.incrementAndGet());
            return "~" + "0".repeat(15 - digits.length()) + digits;
        }
    }

    @Benchmark
    public void operation(Loaded state, Blackhole sink) {
        int dice = state.random.nextInt(100);
        switch (state.workload) {
            case "A" -> readOrUpdate(state, sink, dice < 50);
            case "B" -> readOrUpdate(state, sink, dice < 95);
            case "C" -> sink.consume(state.store.get(state.key()));
            case "E" -> {
                if (dice < 95) {
                    sink.consume(state.store.scanFrom(state.key(), 1 + state.random.nextInt(MAX_SCAN)));
                } else {
                    state.update(state.newKey());
                }
            }
            case "F" -> {
                String key = state.key();
                byte[] value = state.store.get(key);
                sink.consume(value);
                if (dice >= 50) {
                    state.update(key);
                }
            }
            default -> throw new IllegalArgumentException("no YCSB workload " + state.workload);
        }
    }

    private static void readOrUpdate(Loaded state, Blackhole sink, boolean read) {
        String key = state.key();
        if (read) {
            sink.consume(state.store.get(key));
        } else {
            state.update(key);
        }
    }
}
