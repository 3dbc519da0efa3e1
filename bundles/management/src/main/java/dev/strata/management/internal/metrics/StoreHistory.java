package dev.strata.management.internal.metrics;

import java.util.Arrays;

import dev.strata.api.management.HistorySeries;

/**
 * One store's history: a sample per second for the last hour, and a summary per minute for the last day, so a
 * console that connects now still draws the last hour (or day) at once. A minute's summary is made when its last
 * second has passed (see {@link Figure.Rollup}).
 */
public final class StoreHistory {

    static final int SECONDS = 3600;
    static final int MINUTES = 1440;

    private final SampleRing seconds = new SampleRing(SECONDS);
    private final SampleRing minutes = new SampleRing(MINUTES);
    private long minute = -1;
    private int minuteCount;
    private final double[] minuteSum = new double[Figure.values().length];
    private final int[] minuteSeen = new int[Figure.values().length];
    private final double[] minuteLast = new double[Figure.values().length];
    private final double[] minuteMax = new double[Figure.values().length];

    public synchronized void add(long time, double[] sample) {
        long sampleMinute = time / 60_000;
        if (minute >= 0 && sampleMinute != minute && minuteCount > 0) {
            minutes.add(minute * 60_000, summary());
            minuteCount = 0;
        }
        if (minuteCount == 0) {
            Arrays.fill(minuteSum, 0);
            Arrays.fill(minuteSeen, 0);
            Arrays.fill(minuteLast, Double.NaN);
            Arrays.fill(minuteMax, Double.NaN);
        }
        minute = sampleMinute;
        minuteCount++;
        for (Figure figure : Figure.values()) {
            double value = sample[figure.ordinal()];
            if (!Double.isNaN(value)) {
                int f = figure.ordinal();
                minuteSum[f] += value;
                minuteSeen[f]++;
                minuteLast[f] = value;
                minuteMax[f] = Double.isNaN(minuteMax[f]) ? value : Math.max(minuteMax[f], value);
            }
        }
        seconds.add(time, sample.clone());
    }

    private double[] summary() {
        double[] summary = new double[Figure.values().length];
        for (Figure figure : Figure.values()) {
            int f = figure.ordinal();
            summary[f] = switch (figure.rollup()) {
                case LAST -> minuteLast[f];
                case MEAN -> minuteSeen[f] == 0 ? Double.NaN : minuteSum[f] / minuteSeen[f];
                case MAX -> minuteMax[f];
            };
        }
        return summary;
    }

    /** The newest value of a figure, or NaN before the first sample. */
    public synchronized double latest(Figure figure) {
        int size = seconds.size();
        return size == 0 ? Double.NaN : seconds.value(size - 1, figure);
    }

    /** Per-second samples for up to an hour back, else per-minute summaries for up to a day. */
    public synchronized HistorySeries series(Figure figure, int back, long now) {
        boolean perSecond = back <= SECONDS;
        SampleRing ring = perSecond ? seconds : minutes;
        long since = now - back * 1000L;
        int first = 0;
        while (first < ring.size() && ring.time(first) <= since) {
            first++;
        }
        int count = ring.size() - first;
        long[] times = new long[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            times[i] = ring.time(first + i);
            values[i] = ring.value(first + i, figure);
        }
        return new HistorySeries(figure.label(), perSecond ? 1000 : 60_000, times, values);
    }
}
