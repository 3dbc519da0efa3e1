package dev.strata.management.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;

import dev.strata.api.OperationStats;
import dev.strata.api.StoreMetrics;
import dev.strata.api.management.HistorySeries;

import org.junit.jupiter.api.Test;

class StoreHistoryTest {

    private static final long T0 = 28_333_334L * 60_000 + 40_000; // 40 s into a minute

    private static double[] sample(double walBytes, double opsPerSecond, double getP99) {
        double[] values = new double[Figure.values().length];
        Arrays.fill(values, Double.NaN);
        values[Figure.WAL_BYTES.ordinal()] = walBytes;
        values[Figure.OPERATIONS_PER_SECOND.ordinal()] = opsPerSecond;
        values[Figure.GET_P99.ordinal()] = getP99;
        return values;
    }

    @Test
    void secondsAreKeptForAnHourAndEachMinuteIsSummarisedWhenItEnds() {
        StoreHistory history = new StoreHistory();
        // seconds 40..99: the rest of minute one (20 samples) and all of minute two (40 of them so far)
        for (int s = 0; s < 60; s++) {
            history.add(T0 + s * 1000L, sample(s, s < 20 ? 10 : 30, s == 5 ? 900 : 100));
        }
        HistorySeries lastTen = history.series(Figure.WAL_BYTES, 10, T0 + 59_000);
        assertEquals(1000, lastTen.getResolutionMillis());
        assertArrayEquals(new double[] {50, 51, 52, 53, 54, 55, 56, 57, 58, 59}, lastTen.getValues());

        HistorySeries minutes = history.series(Figure.OPERATIONS_PER_SECOND, 7200, T0 + 59_000);
        assertEquals(60_000, minutes.getResolutionMillis());
        assertArrayEquals(new double[] {10}, minutes.getValues(), "the finished minute's mean; the running one is not out yet");
        assertArrayEquals(new double[] {19}, history.series(Figure.WAL_BYTES, 7200, T0 + 59_000).getValues(),
                "a size keeps its last value of the minute");
        assertArrayEquals(new double[] {900}, history.series(Figure.GET_P99, 7200, T0 + 59_000).getValues(),
                "a latency tail keeps its worst second");
    }

    @Test
    void theOldestSecondsGiveWayAfterAnHour() {
        StoreHistory history = new StoreHistory();
        for (int s = 0; s < StoreHistory.SECONDS + 10; s++) {
            history.add(T0 + s * 1000L, sample(s, 1, 1));
        }
        HistorySeries hour = history.series(Figure.WAL_BYTES, 3600, T0 + (StoreHistory.SECONDS + 9) * 1000L);
        assertEquals(3600, hour.getValues().length);
        assertEquals(10, hour.getValues()[0], "the first ten seconds were overwritten");
    }

    @Test
    void ratesAndTheHitRateAreOverTheIntervalNotSinceStart() {
        Sampler sampler = new Sampler();
        double[] first = sampler.sample(metrics(1000, 900, 100, 5000));
        assertEquals(Double.NaN, first[Figure.OPERATIONS_PER_SECOND.ordinal()]);
        double[] second = sampler.sample(metrics(3000, 910, 190, 7000));
        assertEquals(7000 - 5000, second[Figure.OPERATIONS_PER_SECOND.ordinal()] * 2, 1e-9, "2000 operations in 2 s");
        assertEquals(0.1, second[Figure.CACHE_HIT_RATE.ordinal()], 1e-9, "10 hits of 100 lookups, not 910 of 1100");
        sampler.reset();
        assertEquals(Double.NaN, sampler.sample(metrics(9000, 1000, 200, 9000))[Figure.OPERATIONS_PER_SECOND.ordinal()],
                "no rate spans a gap");
    }

    private static StoreMetrics metrics(long takenAt, long hits, long misses, long gets) {
        return new StoreMetrics(1, 1, 1, 1, hits, misses, "idle", Map.of(),
                Map.of("get", new OperationStats(gets, 0, 1, 2, 3, 4)), 0, Map.of(), takenAt);
    }
}
