package dev.strata.console.dashboard;

/**
 * The one time axis every dashboard chart shares: the last {@code rangeSeconds} up to the runtime's newest sample.
 * Charts plot points at epoch seconds and take their axis bounds from here, so with the range at 5 minutes each
 * chart spans the same 5 minutes, also when a series has values for only part of them (a figure the engine began
 * reporting a minute ago, a rate without events). The end is the runtime's clock (its newest sample time, NaN
 * samples included), never the console's, so a skewed desktop clock does not shift the charts.
 *
 * @param endMillis    epoch milliseconds of the newest sample
 * @param rangeSeconds how far back the axis reaches
 */
public record TimeWindow(long endMillis, int rangeSeconds) {

    /** The axis's left end, epoch seconds. */
    public double lowerSeconds() {
        return endMillis / 1000.0 - rangeSeconds;
    }

    /** The axis's right end, epoch seconds. */
    public double upperSeconds() {
        return endMillis / 1000.0;
    }

    /** A tick a minute for 5 minutes, every 10 minutes for an hour, every 3 hours for a day. */
    public double tickSeconds() {
        return rangeSeconds <= 300 ? 60 : rangeSeconds <= 3600 ? 600 : 10_800;
    }

    /** Whether a point at this time is on the axis. */
    public boolean contains(long timeMillis) {
        return timeMillis > endMillis - rangeSeconds * 1000L && timeMillis <= endMillis;
    }
}
