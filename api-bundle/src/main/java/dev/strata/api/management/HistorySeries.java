package dev.strata.api.management;

import java.beans.ConstructorProperties;
import java.util.Arrays;

/**
 * A figure's recent past, oldest first: one value per second for the last hour, or per minute for the last day
 * ({@link StoreMXBean#history}). {@code NaN} marks a moment without a value (the store was unavailable, or a rate
 * without events). A class with getters rather than a record, so that JMX maps it to open data.
 */
public final class HistorySeries {

    private final String figure;
    private final long resolutionMillis;
    private final long[] times;
    private final double[] values;

    @ConstructorProperties({"figure", "resolutionMillis", "times", "values"})
    public HistorySeries(String figure, long resolutionMillis, long[] times, double[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        this.figure = figure;
        this.resolutionMillis = resolutionMillis;
        this.times = times.clone();
        this.values = values.clone();
    }

    public String getFigure() {
        return figure;
    }

    /** 1000 for per-second samples, 60000 for per-minute ones. */
    public long getResolutionMillis() {
        return resolutionMillis;
    }

    /** Epoch milliseconds of each sample. */
    public long[] getTimes() {
        return times.clone();
    }

    public double[] getValues() {
        return values.clone();
    }

    @Override
    public String toString() {
        return figure + " " + times.length + " samples at " + resolutionMillis + " ms: " + Arrays.toString(values);
    }
}
