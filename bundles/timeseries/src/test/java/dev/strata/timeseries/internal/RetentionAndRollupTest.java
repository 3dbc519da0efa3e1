package dev.strata.timeseries.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.NotFoundException;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.OutOfRetentionException;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.RetentionResult;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.RollupBucket;
import dev.strata.api.timeseries.RollupData;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Retention and rollups with an injected clock, on every engine. */
class RetentionAndRollupTest {

    static final List<String> ENGINES = Engines.ALL;
    static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;
    static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path directory;
    private ManagedStore store;
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));

    @AfterEach
    void close() {
        Engines.close(store);
    }

    private StoreTimeSeries open(String engine) {
        store = Engines.open(engine, directory);
        return new StoreTimeSeries(store, clock);
    }

    /** Six hours at 10 s: three raw windows; values 0, 1, 2, ... */
    private static List<Point> sixHours() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 6 * 360; i++) {
            points.add(Point.of("power", T0 + 10_000L * i, i, "site", "x"));
        }
        return points;
    }

    private static List<RollupBucket> buckets(TimeSeries ts, Duration width, long from, long to) {
        List<RollupData> data = ts.rollups(SeriesQuery.of("power", from, to), width);
        return data.isEmpty() ? List.of() : data.get(0).buckets();
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void droppingRawDataNeverChangesARollup(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.setPolicy("power", MetricPolicy.retainFor(Duration.ofHours(1), Rollup.of(MINUTE, Duration.ZERO),
                Rollup.of(Duration.ofHours(1), Duration.ZERO)));
        ts.append(sixHours());
        List<RollupBucket> minutes = buckets(ts, MINUTE, T0, T0 + 6 * HOUR);
        List<RollupBucket> hours = buckets(ts, Duration.ofHours(1), T0, T0 + 6 * HOUR);
        assertEquals(360, minutes.size());
        assertEquals(new RollupBucket(T0, 6, 0 + 1 + 2 + 3 + 4 + 5, 0, 5), minutes.get(0));
        assertEquals(6, hours.size());
        assertEquals(new RollupBucket(T0 + HOUR, 360, sum(360, 720), 360, 719), hours.get(1));

        clock.set(Instant.ofEpochMilli(T0 + 6 * HOUR + HOUR / 2)); // windows [0,2h) and [2h,4h) are past 1 h retention
        RetentionResult result = ts.applyRetention();
        assertEquals(new RetentionResult(2, 0), result);
        assertEquals(720 * 1, store.scan(Scan.prefix(KeyLayout.CHUNKS)).stream().count() * 720, "one raw chunk left");
        assertEquals(4 * HOUR, ts.query(SeriesQuery.of("power", T0, T0 + 6 * HOUR)).get(0).samples().get(0)
                .timestamp() - T0);
        // the TimescaleDB pitfall: the aggregates of the dropped hours are still there, unchanged
        assertEquals(minutes, buckets(ts, MINUTE, T0, T0 + 6 * HOUR));
        assertEquals(hours, buckets(ts, Duration.ofHours(1), T0, T0 + 6 * HOUR));
        assertEquals(new RetentionResult(0, 0), ts.applyRetention(), "idempotent");
    }

    private static double sum(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += i;
        }
        return s;
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aLatePointForADroppedWindowIsRefusedEvenAfterRetentionGrows(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.setPolicy("power", MetricPolicy.retainFor(Duration.ofHours(1), Rollup.of(MINUTE, Duration.ZERO)));
        ts.append(sixHours());
        clock.set(Instant.ofEpochMilli(T0 + 6 * HOUR + HOUR / 2));
        ts.applyRetention();
        List<RollupBucket> before = buckets(ts, MINUTE, T0, T0 + 6 * HOUR);

        Point late = Point.of("power", T0 + 5_000, 1e9, "site", "x");
        OutOfRetentionException byClock = assertThrows(OutOfRetentionException.class, () -> ts.append(late));
        assertTrue(byClock.getMessage().contains("retention"), byClock.getMessage());
        // even when retention is raised, the dropped window stays closed: re-creating it would overwrite the
        // bucket's rollup with an aggregate of the one late point
        ts.setPolicy("power", MetricPolicy.retainFor(Duration.ofDays(30), Rollup.of(MINUTE, Duration.ZERO)));
        OutOfRetentionException byWatermark = assertThrows(OutOfRetentionException.class, () -> ts.append(late));
        assertTrue(byWatermark.getMessage().contains("already dropped"), byWatermark.getMessage());
        assertEquals(before, buckets(ts, MINUTE, T0, T0 + 6 * HOUR));
        // in the caller's transaction: the refused batch leaves nothing behind, not even its valid new series
        long keys = store.scan(Scan.all()).stream().count();
        try (Transaction tx = store.begin()) {
            assertThrows(OutOfRetentionException.class, () -> ts.append(tx, List.of(
                    Point.of("power", T0 + 5 * HOUR, 1, "site", "new"), late)));
            tx.commit();
        }
        assertEquals(keys, store.scan(Scan.all()).stream().count());
        // a point in the kept window is fine and updates its bucket
        ts.append(Point.of("power", T0 + 5 * HOUR + 5_000, 100, "site", "x"));
        RollupBucket updated = buckets(ts, MINUTE, T0 + 5 * HOUR, T0 + 5 * HOUR + 1).get(0);
        assertEquals(7, updated.count());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void rollupsFollowOutOfOrderAndReplacedPoints(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.setPolicy(TimeSeries.ALL_METRICS, MetricPolicy.retainFor(Duration.ZERO, Rollup.of(MINUTE, Duration.ZERO)));
        ts.append(List.of(Point.of("power", T0 + 30_000, 3, "site", "x"), Point.of("power", T0 + 10_000, 1, "site", "x")));
        ts.append(Point.of("power", T0 + 20_000, 2, "site", "x"));
        ts.append(Point.of("power", T0 + 30_000, -7, "site", "x")); // replaces 3
        assertEquals(List.of(new RollupBucket(T0, 3, -4, -7, 2)), buckets(ts, MINUTE, T0, T0 + 60_000));
        assertThrows(NotFoundException.class, () -> buckets(ts, Duration.ofHours(1), T0, T0 + 60_000));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void rollupsHaveTheirOwnRetention(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.setPolicy("power", MetricPolicy.retainFor(Duration.ofHours(1), Rollup.of(MINUTE, Duration.ofHours(13)),
                Rollup.of(Duration.ofHours(1), Duration.ZERO)));
        ts.append(sixHours());
        // a 1-minute rollup chunk spans 120 minutes: [0, 2h) ends 13 h before T0 + 15 h
        clock.set(Instant.ofEpochMilli(T0 + 15 * HOUR));
        assertEquals(new RetentionResult(3, 1), ts.applyRetention());
        assertEquals(240, buckets(ts, MINUTE, T0, T0 + 6 * HOUR).size());
        assertEquals(T0 + 2 * HOUR, buckets(ts, MINUTE, T0, T0 + 6 * HOUR).get(0).start());
        clock.set(Instant.ofEpochMilli(T0 + 19 * HOUR));
        assertEquals(new RetentionResult(0, 2), ts.applyRetention());
        assertEquals(List.of(), buckets(ts, MINUTE, T0, T0 + 6 * HOUR));
        assertEquals(6, buckets(ts, Duration.ofHours(1), T0, T0 + 6 * HOUR).size(), "kept forever");
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void rollupsCommitAndRollBackWithTheirPoints(String engine) {
        StoreTimeSeries ts = open(engine);
        ts.setPolicy("power", MetricPolicy.retainFor(Duration.ZERO, Rollup.of(MINUTE, Duration.ZERO)));
        ts.append(Point.of("power", T0, 1, "site", "x"));
        try (Transaction tx = store.begin()) {
            ts.append(tx, Point.of("power", T0 + 1000, 50, "site", "x"));
            tx.rollback();
        }
        assertEquals(List.of(new RollupBucket(T0, 1, 1, 1, 1)), buckets(ts, MINUTE, T0, T0 + 60_000));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aPolicyIsStoredInTheStoreAndTheDefaultApplies(String engine) {
        StoreTimeSeries ts = open(engine);
        MetricPolicy week = MetricPolicy.retainFor(Duration.ofDays(7), Rollup.of(Duration.ofMinutes(5), Duration.ZERO));
        ts.setPolicy(TimeSeries.ALL_METRICS, week);
        assertEquals(week, new StoreTimeSeries(store, clock).effectivePolicy("anything"));
        assertTrue(ts.policy("anything").isEmpty());
        MetricPolicy own = MetricPolicy.retainFor(Duration.ofDays(1));
        ts.setPolicy("power", own);
        assertEquals(own, ts.effectivePolicy("power"));
    }
}
