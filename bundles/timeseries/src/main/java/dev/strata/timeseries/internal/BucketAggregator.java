package dev.strata.timeseries.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.Sample;

/**
 * Folds samples, fed in timestamp order, into buckets of a fixed width aligned to the epoch. Sums run in timestamp
 * order, so the result is the same however the points arrived.
 */
final class BucketAggregator {

    private final Aggregation aggregation;
    private final long width;
    private final List<Sample> out = new ArrayList<>();
    private boolean open;
    private long bucket;
    private long count;
    private double sum;
    private double min;
    private double max;
    private double first;
    private double last;
    private long firstTime;
    private long lastTime;

    BucketAggregator(Aggregation aggregation, long width) {
        this.aggregation = aggregation;
        this.width = width;
    }

    static long checkWidth(Duration bucket) {
        if (bucket == null || bucket.isNegative() || bucket.isZero()) {
            throw new InvalidArgumentException("bucket width must be positive, was " + bucket);
        }
        long millis = bucket.toMillis();
        if (millis == 0 || !bucket.equals(Duration.ofMillis(millis))) {
            throw new InvalidArgumentException("bucket width must be whole milliseconds, was " + bucket);
        }
        return millis;
    }

    void add(long time, double value) {
        long start = KeyLayout.windowStart(time, width);
        if (!open || start != bucket) {
            flush();
            open = true;
            bucket = start;
            count = 0;
            sum = 0;
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            first = value;
            firstTime = time;
        }
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        last = value;
        lastTime = time;
    }

    List<Sample> finish() {
        flush();
        open = false;
        return out;
    }

    private void flush() {
        if (!open) {
            return;
        }
        double value;
        switch (aggregation) {
            case MIN -> value = min;
            case MAX -> value = max;
            case AVG -> value = sum / count;
            case SUM -> value = sum;
            case COUNT -> value = count;
            case FIRST -> value = first;
            case LAST -> value = last;
            case RATE -> {
                if (count < 2) {
                    return;
                }
                value = (last - first) / ((lastTime - firstTime) / 1000.0);
            }
            default -> throw new IllegalStateException("unknown aggregation " + aggregation);
        }
        out.add(new Sample(bucket, value));
    }
}
