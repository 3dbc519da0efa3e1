package dev.strata.core.internal.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.strata.api.OperationStats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts one kind of operation and records its latencies in an HdrHistogram {@link Recorder} (lock-free for the
 * recording threads). Percentiles are of the last completed interval: {@link #roll} swaps the recorder's interval
 * histogram, so a reader never competes with another for an interval.
 *
 * <p>A roll resets a histogram of a few hundred kilobytes; an idle runtime's readers roll every kind of every store
 * each second, and those resets were most of what the idle runtime cost. So a kind that has stayed idle since an
 * interval that was already empty is not rolled: no operation has begun since (its count would have moved), so
 * there is nothing new to read. A timing recorded then can only come from an operation counted before that empty
 * interval and still running through it (a scan that lasts seconds); it lands in the next interval that is rolled.
 */
final class OperationMeter {

    /** Latencies up to an hour, three significant digits. */
    private static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

    private final LongAdder count = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private Histogram interval;
    /** {@link #count} at the last roll; only the rolling thread reads and writes it. */
    private long countAtRoll = -1;
    private volatile OperationStats lastInterval = new OperationStats(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    void counted() {
        count.increment();
    }

    void timed(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    void failed() {
        errors.increment();
    }

    /** Ends the current interval; called by one thread at a time ({@link StoreMeter} holds its lock). */
    void roll() {
        long counted = count.sum();
        if (counted == countAtRoll && Double.isNaN(lastInterval.p50Micros())) {
            return; // idle since an empty interval: nothing to swap, nothing to reset
        }
        countAtRoll = counted;
        interval = recorder.getIntervalHistogram(interval);
        boolean empty = interval.getTotalCount() == 0;
        lastInterval = new OperationStats(count.sum(), errors.sum(),
                empty ? Double.NaN : micros(interval.getValueAtPercentile(50)),
                empty ? Double.NaN : micros(interval.getValueAtPercentile(95)),
                empty ? Double.NaN : micros(interval.getValueAtPercentile(99)),
                empty ? Double.NaN : micros(interval.getMaxValue()));
    }

    /** Counts as of now, percentiles of the last completed interval. */
    OperationStats stats() {
        OperationStats last = lastInterval;
        return new OperationStats(count.sum(), errors.sum(), last.p50Micros(), last.p95Micros(), last.p99Micros(),
                last.maxMicros());
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
