package dev.strata.timeseries.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.RollupBucket;
import dev.strata.api.timeseries.RollupData;
import dev.strata.api.timeseries.Sample;
import dev.strata.api.timeseries.SeriesData;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TagFilter;
import dev.strata.core.internal.ManagedStore;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The layer against a model that is a plain list of points: whatever order points arrive in, in whatever batches,
 * with whatever duplicates, queries and aggregations (and the 1-minute rollup) equal what the list says.
 */
class TimeSeriesModelTest {

    static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    static final long SPAN = 5 * 3_600_000L; // three raw windows
    static final long ROLLUP_EDGE = 8 * 3_600_000L; // a 1-minute rollup chunk holds 120 minutes: an edge, past SPAN
    static final List<String> HOSTS = List.of("a", "b", "c");

    record Write(String host, long time, double value) {
    }

    record Check(String host, long from, long to, Aggregation aggregation, long width) {
    }

    @Provide
    Arbitrary<List<List<Write>>> batches() {
        Arbitrary<Long> time = Arbitraries.oneOf(
                Arbitraries.longs().between(0, SPAN - 1).map(t -> T0 + t),
                Arbitraries.longs().between(0, 40).map(t -> T0 + t * 60_000L), // collide often
                Arbitraries.longs().between(0, 20).map(t -> T0 + 7_200_000L - 10 + t), // around a raw window edge
                Arbitraries.longs().between(0, 180).map(t -> T0 + ROLLUP_EDGE - 90_000 + t * 1000)); // rollup chunk edge
        Arbitrary<Double> value = Arbitraries.integers().between(-1000, 1000).map(i -> i / 4.0);
        Arbitrary<Write> write = Combinators.combine(Arbitraries.of(HOSTS), time, value).as(Write::new);
        return write.list().ofMinSize(1).ofMaxSize(30).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Check> checks() {
        Arbitrary<Long> from = Arbitraries.longs().between(-60_000, ROLLUP_EDGE + 60_000).map(t -> T0 + t);
        Arbitrary<Long> length = Arbitraries.longs().between(1, ROLLUP_EDGE + 120_000);
        Arbitrary<Long> width = Arbitraries.oneOf(Arbitraries.longs().between(1, 4 * 3_600_000L),
                Arbitraries.of(1_000L, 60_000L, 3_600_000L, 7_200_000L));
        return Combinators.combine(Arbitraries.of(HOSTS), from, length, Arbitraries.of(Aggregation.class), width)
                .as((host, f, len, agg, w) -> new Check(host, f, f + len, agg, w));
    }

    @Property
    void queriesAggregationsAndRollupsMatchAListOfPoints(@ForAll("batches") List<List<Write>> batches,
            @ForAll("checks") Check check) {
        Path directory = tempDirectory();
        ManagedStore store = Engines.open("memory", directory);
        try {
            StoreTimeSeries ts = new StoreTimeSeries(store, new MutableClock(Instant.ofEpochMilli(T0)));
            ts.setPolicy("m", MetricPolicy.retainFor(Duration.ZERO, Rollup.of(Duration.ofMinutes(1), Duration.ZERO)));
            Map<String, TreeMap<Long, Double>> model = new TreeMap<>();
            for (List<Write> batch : batches) {
                List<Point> points = new ArrayList<>();
                for (Write w : batch) {
                    points.add(Point.of("m", w.time(), w.value(), "host", w.host()));
                    model.computeIfAbsent(w.host(), h -> new TreeMap<>()).put(w.time(), w.value()); // last wins
                }
                ts.append(points);
            }
            TreeMap<Long, Double> series = model.getOrDefault(check.host(), new TreeMap<>());
            List<Sample> inRange = series.subMap(check.from(), check.to()).entrySet().stream()
                    .map(e -> new Sample(e.getKey(), e.getValue())).toList();

            SeriesQuery query = SeriesQuery.of("m", check.from(), check.to())
                    .where(TagFilter.equalTo("host", check.host()));
            assertEquals(inRange, only(ts.query(query)));
            assertEquals(modelAggregate(inRange, check.aggregation(), check.width()),
                    only(ts.aggregate(query, check.aggregation(), Duration.ofMillis(check.width()))));
            assertEquals(modelRollup(series, check.from(), check.to()), rollup(ts.rollups(query, Duration.ofMinutes(1))));
            List<Point> latest = ts.latest("m", List.of(TagFilter.equalTo("host", check.host())));
            assertEquals(series.isEmpty() ? List.of() : List.of(series.lastKey()),
                    latest.stream().map(Point::timestamp).toList());
        } finally {
            Engines.close(store);
            delete(directory);
        }
    }

    private static List<Sample> only(List<SeriesData> data) {
        return data.isEmpty() ? List.of() : data.get(0).samples();
    }

    private static List<RollupBucket> rollup(List<RollupData> data) {
        return data.isEmpty() ? List.of() : data.get(0).buckets();
    }

    /** Groups by bucket start and folds each group the obvious way. */
    static List<Sample> modelAggregate(List<Sample> samples, Aggregation aggregation, long width) {
        TreeMap<Long, List<Sample>> groups = new TreeMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(Math.floorDiv(s.timestamp(), width) * width, b -> new ArrayList<>()).add(s);
        }
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<Long, List<Sample>> group : groups.entrySet()) {
            List<Sample> g = group.getValue();
            double sum = 0;
            for (Sample s : g) {
                sum += s.value();
            }
            Sample first = g.get(0);
            Sample last = g.get(g.size() - 1);
            Double value = switch (aggregation) {
                case MIN -> g.stream().map(Sample::value).min(Comparator.naturalOrder()).orElseThrow();
                case MAX -> g.stream().map(Sample::value).max(Comparator.naturalOrder()).orElseThrow();
                case SUM -> sum;
                case AVG -> sum / g.size();
                case COUNT -> (double) g.size();
                case FIRST -> first.value();
                case LAST -> last.value();
                case RATE -> g.size() < 2 ? null
                        : (last.value() - first.value()) / ((last.timestamp() - first.timestamp()) / 1000.0);
            };
            if (value != null) {
                out.add(new Sample(group.getKey(), value));
            }
        }
        return out;
    }

    /** Whole 1-minute buckets of every point of the series, for the buckets whose start is in [from, to). */
    private static List<RollupBucket> modelRollup(TreeMap<Long, Double> series, long from, long to) {
        List<Sample> all = series.entrySet().stream().map(e -> new Sample(e.getKey(), e.getValue())).toList();
        List<Sample> count = modelAggregate(all, Aggregation.COUNT, 60_000);
        List<Sample> sum = modelAggregate(all, Aggregation.SUM, 60_000);
        List<Sample> min = modelAggregate(all, Aggregation.MIN, 60_000);
        List<Sample> max = modelAggregate(all, Aggregation.MAX, 60_000);
        List<RollupBucket> out = new ArrayList<>();
        for (int i = 0; i < count.size(); i++) {
            long start = count.get(i).timestamp();
            if (start >= from && start < to) {
                out.add(new RollupBucket(start, (long) count.get(i).value(), sum.get(i).value(), min.get(i).value(),
                        max.get(i).value()));
            }
        }
        return out;
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("ts-model-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
