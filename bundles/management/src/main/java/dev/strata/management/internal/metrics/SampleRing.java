package dev.strata.management.internal.metrics;

/**
 * The newest {@code capacity} samples, each a time and one value per {@link Figure}; the oldest is overwritten. Not
 * thread-safe: {@link StoreHistory} guards it.
 */
final class SampleRing {

    private final long[] times;
    private final double[][] values;
    private int next;
    private int size;

    SampleRing(int capacity) {
        times = new long[capacity];
        values = new double[capacity][];
    }

    void add(long time, double[] sample) {
        times[next] = time;
        values[next] = sample;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    int size() {
        return size;
    }

    /** The i-th oldest sample's time (0 is the oldest kept). */
    long time(int i) {
        return times[index(i)];
    }

    double value(int i, Figure figure) {
        return values[index(i)][figure.ordinal()];
    }

    private int index(int i) {
        return (next - size + i + times.length) % times.length;
    }
}
