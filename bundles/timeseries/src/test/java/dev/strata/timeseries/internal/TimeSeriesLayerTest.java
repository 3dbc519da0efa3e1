package dev.strata.timeseries.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.InvalidPointException;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.Sample;
import dev.strata.api.timeseries.Series;
import dev.strata.api.timeseries.SeriesData;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TagFilter;
import dev.strata.api.timeseries.TimeSeriesCorruptionException;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The layer through its public interface, on every engine. */
class TimeSeriesLayerTest {

    static final List<String> ENGINES = Engines.ALL;
    static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path directory;
    private ManagedStore store;
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0 + Duration.ofDays(1).toMillis()));

    @AfterEach
    void close() {
        Engines.close(store);
    }

    private StoreTimeSeries open(String engine) {
        store = Engines.open(engine, directory);
        return new StoreTimeSeries(store, clock);
    }

    private static List<Sample> samples(StoreTimeSeries ts, SeriesQuery query) {
        List<SeriesData> data = ts.query(query);
        assertEquals(1, data.size(), "series found: " + data);
        return data.get(0).samples();
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void appendsAndQueriesARangeHalfOpen(String engine) {
        StoreTimeSeries ts = open(engine);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) { // spans five 2 h windows
            points.add(Point.of("cpu.load", T0 + 10_000L * i, i * 0.5, "host", "a"));
        }
        ts.append(points);
        List<Sample> got = samples(ts, SeriesQuery.of("cpu.load", T0 + 10_000, T0 + 10_000L * 2500));
        assertEquals(2499, got.size());
        assertEquals(new Sample(T0 + 10_000, 0.5), got.get(0));
        assertEquals(new Sample(T0 + 10_000L * 2499, 2499 * 0.5), got.get(got.size() - 1));
        assertTrue(ts.query(SeriesQuery.of("cpu.load", T0 - 1000, T0)).isEmpty(), "to is exclusive");
        assertEquals(List.of("cpu.load"), ts.metrics());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void outOfOrderPointsAreSortedAndDuplicatesKeepTheLastWrite(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.append(List.of(Point.of("m", T0 + 3000, 3), Point.of("m", T0 + 1000, 1), Point.of("m", T0 + 2000, 2)));
        ts.append(Point.of("m", T0 + 1500, 1.5)); // into the middle of the stored chunk
        ts.append(Point.of("m", T0 + 2000, 20)); // duplicate timestamp: replaces
        ts.append(List.of(Point.of("m", T0 + 500, 5), Point.of("m", T0 + 500, 6))); // same batch: the later wins
        assertEquals(List.of(new Sample(T0 + 500, 6), new Sample(T0 + 1000, 1), new Sample(T0 + 1500, 1.5),
                new Sample(T0 + 2000, 20), new Sample(T0 + 3000, 3)), samples(ts, SeriesQuery.of("m", T0, T0 + 5000)));
        assertEquals(List.of(new Point("m", Map.of(), T0 + 3000, 3)), ts.latest("m", List.of()));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void tagFiltersEqualsInAndRegexUseTheIndex(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.append(List.of(Point.of("temp", T0, 1, "host", "a", "dc", "east"),
                Point.of("temp", T0, 2, "host", "b", "dc", "east"),
                Point.of("temp", T0, 3, "host", "c/1", "dc", "west"),
                Point.of("temp", T0, 4, "dc", "west"),
                Point.of("temperature", T0, 9, "host", "a")));
        SeriesQuery all = SeriesQuery.of("temp", T0, T0 + 1);
        assertEquals(4, ts.query(all).size());
        assertEquals(List.of(1.0), values(ts.query(all.where(TagFilter.equalTo("host", "a")))));
        assertEquals(List.of(1.0, 2.0), values(ts.query(all.where(TagFilter.in("host", Set.of("a", "b", "zz"))))));
        assertEquals(List.of(3.0), values(ts.query(all.where(TagFilter.regex("host", "c/.*")))));
        assertEquals(List.of(3.0), values(ts.query(all.where(TagFilter.equalTo("dc", "west"))
                .where(TagFilter.regex("host", ".*")))));
        assertEquals(List.of(), values(ts.query(all.where(TagFilter.equalTo("host", "nope")))));
        assertEquals(List.of(new Series("temp", Map.of("dc", "west", "host", "c/1"))),
                ts.series("temp", List.of(TagFilter.equalTo("host", "c/1"))));
        assertEquals(List.of("temp", "temperature"), ts.metrics());
    }

    private static List<Double> values(List<SeriesData> data) {
        return data.stream().flatMap(d -> d.samples().stream()).map(Sample::value).sorted().toList();
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aggregatesIntoBucketsOfAnyWidth(String engine) {
        StoreTimeSeries ts = open(engine);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // 10 s apart: two 1-minute buckets of 6 points
            points.add(Point.of("req", T0 + 10_000L * i, i));
        }
        ts.append(points);
        SeriesQuery q = SeriesQuery.of("req", T0, T0 + 120_000);
        Duration minute = Duration.ofMinutes(1);
        assertEquals(List.of(new Sample(T0, 0), new Sample(T0 + 60_000, 6)), agg(ts, q, Aggregation.MIN, minute));
        assertEquals(List.of(new Sample(T0, 5), new Sample(T0 + 60_000, 11)), agg(ts, q, Aggregation.MAX, minute));
        assertEquals(List.of(new Sample(T0, 15), new Sample(T0 + 60_000, 51)), agg(ts, q, Aggregation.SUM, minute));
        assertEquals(List.of(new Sample(T0, 2.5), new Sample(T0 + 60_000, 8.5)), agg(ts, q, Aggregation.AVG, minute));
        assertEquals(List.of(new Sample(T0, 6), new Sample(T0 + 60_000, 6)), agg(ts, q, Aggregation.COUNT, minute));
        assertEquals(List.of(new Sample(T0, 0), new Sample(T0 + 60_000, 6)), agg(ts, q, Aggregation.FIRST, minute));
        assertEquals(List.of(new Sample(T0, 5), new Sample(T0 + 60_000, 11)), agg(ts, q, Aggregation.LAST, minute));
        assertEquals(List.of(new Sample(T0, 0.1), new Sample(T0 + 60_000, 0.1)), agg(ts, q, Aggregation.RATE, minute));
        // buckets start at multiples of their width since the epoch, not at the query's start
        long wide = Math.floorDiv(T0, 7_000_000L) * 7_000_000L;
        assertEquals(List.of(new Sample(wide, 12)), agg(ts, q, Aggregation.COUNT, Duration.ofMillis(7_000_000)));
        long odd = Math.floorDiv(T0, 35_000L) * 35_000L; // T0 is 30 s into a 35 s bucket
        assertEquals(T0 - 30_000, odd);
        assertEquals(List.of(new Sample(odd, 1), new Sample(odd + 35_000, 3), new Sample(odd + 70_000, 4),
                new Sample(odd + 105_000, 3), new Sample(odd + 140_000, 1)),
                agg(ts, q, Aggregation.COUNT, Duration.ofSeconds(35)));
    }

    private static List<Sample> agg(StoreTimeSeries ts, SeriesQuery q, Aggregation a, Duration width) {
        return ts.aggregate(q, a, width).get(0).samples();
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void appendsInTheCallersTransactionCommitOrRollBackWithItsOtherWrites(String engine) {
        StoreTimeSeries ts = open(engine);
        try (Transaction tx = store.begin()) {
            tx.put("order.1", "paid".getBytes(StandardCharsets.UTF_8));
            ts.append(tx, Point.of("orders", T0, 1, "state", "paid"));
            assertEquals(1, ts.query(tx, SeriesQuery.of("orders", T0, T0 + 1)).size(), "own writes visible");
            assertTrue(ts.query(SeriesQuery.of("orders", T0, T0 + 1)).isEmpty(), "not visible before commit");
            tx.rollback();
        }
        assertTrue(ts.query(SeriesQuery.of("orders", T0, T0 + 1)).isEmpty());
        assertTrue(ts.series("orders", List.of()).isEmpty(), "the series id of a rolled-back append is gone too");
        assertFalse(store.contains("order.1"));
        try (Transaction tx = store.begin()) {
            tx.put("order.1", "paid".getBytes(StandardCharsets.UTF_8));
            ts.append(tx, Point.of("orders", T0, 1, "state", "paid"));
            tx.commit();
        }
        assertTrue(store.contains("order.1"));
        assertEquals(1, ts.query(SeriesQuery.of("orders", T0, T0 + 1)).size());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aRejectedBatchChangesNothing(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.append(Point.of("ok", T0, 1));
        long keysBefore = store.scan(Scan.all()).stream().count();
        List<Point> batch = List.of(Point.of("ok", T0 + 1, 2), Point.of("new.metric", T0, 3),
                Point.of("bad metric", T0, 4));
        InvalidPointException e = assertThrows(InvalidPointException.class, () -> ts.append(batch));
        assertTrue(e.getMessage().contains("bad metric"), e.getMessage());
        assertEquals(keysBefore, store.scan(Scan.all()).stream().count());
        assertThrows(InvalidPointException.class, () -> ts.append(Point.of("m", T0, 1, "host", "")));
        assertThrows(InvalidPointException.class, () -> ts.append(Point.of("m", T0, 1, "9bad", "x")));
        assertThrows(InvalidPointException.class, () -> ts.append(Point.of("m", T0, 1, "host", "a\nb")));
        try (Transaction tx = store.begin()) {
            tx.put("mine", new byte[] {1});
            assertThrows(InvalidPointException.class, () -> ts.append(tx, batch));
            tx.commit();
        }
        assertEquals(keysBefore + 1, store.scan(Scan.all()).stream().count(), "only the caller's own write");
        assertEquals(List.of(new Sample(T0, 1)), samples(ts, SeriesQuery.of("ok", T0, T0 + 10)));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void tagValuesWithSeparatorsRoundTrip(String engine) {
        StoreTimeSeries ts = open(engine);
        String odd = "a/b=c,d{e}%f ü";
        ts.append(Point.of("m", T0, 1, "path", odd));
        assertEquals(Map.of("path", odd), ts.series("m", List.of(TagFilter.equalTo("path", odd))).get(0).tags());
        assertEquals(Map.of("path", odd), ts.latest("m", List.of()).get(0).tags());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aDamagedChunkIsACorruptionErrorNamingItsKey(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.append(Point.of("m", T0, 1));
        String chunk = store.scan(Scan.prefix(KeyLayout.CHUNKS)).next().key();
        store.put(chunk, new byte[] {1, 1, 50, 0});
        TimeSeriesCorruptionException e = assertThrows(TimeSeriesCorruptionException.class,
                () -> ts.query(SeriesQuery.of("m", T0, T0 + 1)));
        assertEquals(chunk, e.file().orElseThrow());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aRegularSeriesIsStoredCompactly(String engine) {
        StoreTimeSeries ts = open(engine);
        List<Point> day = new ArrayList<>();
        for (int i = 0; i < 8640; i++) {
            day.add(Point.of("gauge", T0 + 10_000L * i, 20 + (i / 100) * 0.5, "host", "a"));
        }
        ts.append(day);
        long bytes = ts.storedBytes(new Series("gauge", Map.of("host", "a")));
        assertTrue(bytes <= 2 * 8640, "stored " + bytes + " bytes for 8640 points");
        assertEquals(8640, samples(ts, SeriesQuery.of("gauge", T0, T0 + 86_400_000)).size());
    }
}
