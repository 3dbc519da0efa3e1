package dev.strata.benchmarks;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.strata.api.BackendInfo;
import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.core.internal.ManagedStore;
import dev.strata.core.internal.StoreDefinition;
import dev.strata.crypto.internal.codec.Lz4Compressor;
import dev.strata.timeseries.internal.StoreTimeSeries;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The time-series layer on the file engine (LZ4, durability none, as a fresh runtime's file store but without the
 * fsync), through the public API, beside the naive layout through the same API: one key per point
 * ({@code pts/<series>/<16 hex digits of time>} holding the 8-byte value).
 * <ul>
 * <li>ingest: batches of 10,000 points (10 series x 1,000 points at 10 s) per transaction, for both layouts; scores
 * are points per second.</li>
 * <li>query: one series, 24 hours at 10 s (8,640 points), averaged into 1-minute buckets: from Gorilla chunks, from
 * the 1-minute rollup, from the one-key-per-point layout read with one get per point, and with one range scan.
 * Scores are queries per second.</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main TimeSeriesBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TimeSeriesBenchmark {

    static final int SERIES = 10;
    static final int POINTS_PER_SERIES = 1_000;
    static final int BATCH = SERIES * POINTS_PER_SERIES;
    static final long STEP = 10_000L;
    static final long T0 = 1_796_083_200_000L; // 2026-12-01T00:00:00Z
    static final int DAY_POINTS = 8_640;

    /** A file store for the trial. */
    public abstract static class FileStore {
        ScratchDirectory directory;
        ManagedStore store;
        TimeSeries ts;

        void open(String name) {
            directory = new ScratchDirectory("strata-ts-bench-");
            Map<String, Object> config = new HashMap<>();
            config.put("name", name);
            config.put("backend", "file");
            config.put("durability", "none");
            store = new ManagedStore(StoreDefinition.from(config), directory.path().resolve(name));
            FileBackend backend = new FileBackend(List.of(new Lz4Compressor()), null, null);
            store.attach(backend, new BackendInfo("file", "bench", "0", backend.capabilities()));
            ts = new StoreTimeSeries(store, Clock.systemUTC());
        }

        @TearDown(Level.Trial)
        public void close() {
            try {
                store.detach("benchmark over", 1_000);
            } finally {
                directory.close();
            }
        }
    }

    /** Appends move forward in time, so every batch writes new points (as a live feed would). */
    @State(Scope.Benchmark)
    public static class Ingest extends FileStore {
        long next = T0;

        @Setup(Level.Trial)
        public void setup() {
            open("ingest");
        }

        long advance() {
            long start = next;
            next += POINTS_PER_SERIES * STEP;
            return start;
        }
    }

    /** Ingest with 1-minute and 1-hour rollups maintained in the same transactions. */
    @State(Scope.Benchmark)
    public static class IngestWithRollups extends Ingest {
        @Override
        @Setup(Level.Trial)
        public void setup() {
            open("ingest-rollups");
            ts.setPolicy(TimeSeries.ALL_METRICS, MetricPolicy.retainFor(Duration.ZERO,
                    Rollup.of(Duration.ofMinutes(1), Duration.ZERO), Rollup.of(Duration.ofHours(1), Duration.ZERO)));
        }
    }

    /** One day of one series in both layouts, plus its 1-minute rollup. */
    @State(Scope.Benchmark)
    public static class Day extends FileStore {
        final List<String> keys = new ArrayList<>();
        final SeriesQuery query = SeriesQuery.of("cpu", T0, T0 + DAY_POINTS * STEP);

        @Setup(Level.Trial)
        public void setup() {
            open("day");
            ts.setPolicy("cpu", MetricPolicy.retainFor(Duration.ZERO, Rollup.of(Duration.ofMinutes(1), Duration.ZERO)));
            List<Point> points = new ArrayList<>();
            Map<String, byte[]> entries = new HashMap<>();
            for (int i = 0; i < DAY_POINTS; i++) {
                long time = T0 + i * STEP;
                double value = 20 + (i / 100) * 0.5;
                points.add(Point.of("cpu", time, value, "host", "h0"));
                String key = pointKey("h0", time);
                keys.add(key);
                entries.put(key, ByteBuffer.allocate(8).putDouble(value).array());
            }
            ts.append(points);
            store.putAll(entries);
        }
    }

    static String pointKey(String host, long time) {
        String hex = Long.toHexString(time);
        return "pts/cpu{host=" + host + "}/" + "0".repeat(16 - hex.length()) + hex;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ingestChunksBatched(Ingest state) {
        state.ts.append(batch(state.advance()));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ingestChunksBatchedWithRollups(IngestWithRollups state) {
        state.ts.append(batch(state.advance()));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ingestKeyPerPointBatched(Ingest state) {
        long start = state.advance();
        state.store.inTransaction(tx -> {
            for (int s = 0; s < SERIES; s++) {
                String host = "h" + s;
                for (int i = 0; i < POINTS_PER_SERIES; i++) {
                    long time = start + i * STEP;
                    tx.put(pointKey(host, time), ByteBuffer.allocate(8).putDouble(value(s, i)).array());
                }
            }
        });
    }

    private static List<Point> batch(long start) {
        List<Point> points = new ArrayList<>(BATCH);
        for (int s = 0; s < SERIES; s++) {
            String host = "h" + s;
            for (int i = 0; i < POINTS_PER_SERIES; i++) {
                points.add(Point.of("cpu", start + i * STEP, value(s, i), "host", host));
            }
        }
        return points;
    }

    private static double value(int series, int i) {
        return 20 + series + (i / 100) * 0.5;
    }

    @Benchmark
    public Object dayPerMinuteFromChunks(Day day) {
        return day.ts.aggregate(day.query, Aggregation.AVG, Duration.ofMinutes(1));
    }

    @Benchmark
    public Object dayPerMinuteFromRollup(Day day) {
        return day.ts.rollups(day.query, Duration.ofMinutes(1));
    }

    @Benchmark
    public double[] dayPerMinuteFromKeysOneGetEach(Day day) {
        double[] sums = new double[DAY_POINTS / 6];
        for (int i = 0; i < DAY_POINTS; i++) {
            byte[] value = day.store.get(day.keys.get(i)).orElseThrow();
            sums[i / 6] += ByteBuffer.wrap(value).getDouble();
        }
        for (int m = 0; m < sums.length; m++) {
            sums[m] /= 6;
        }
        return sums;
    }

    @Benchmark
    public double[] dayPerMinuteFromKeysOneScan(Day day) {
        double[] sums = new double[DAY_POINTS / 6];
        int i = 0;
        try (EntryCursor cursor = day.store.scan(Scan.range(day.keys.get(0), pointKey("h0", T0 + DAY_POINTS * STEP)))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                sums[i++ / 6] += ByteBuffer.wrap(entry.value()).getDouble();
            }
        }
        for (int m = 0; m < sums.length; m++) {
            sums[m] /= 6;
        }
        return sums;
    }
}
