package dev.strata.api.timeseries;

/**
 * How the points of a bucket become one value. Points are taken in timestamp order (so sums do not depend on the
 * order points arrived in); a bucket without points is left out of the result. A NaN value propagates into the
 * bucket's min, max, sum and avg (as {@link Math#min(double, double)} and arithmetic do), and into first, last
 * and rate when it is the first or last point.
 */
public enum Aggregation {
    MIN,
    MAX,
    /** The sum divided by the count. */
    AVG,
    SUM,
    COUNT,
    /** The value of the earliest point. */
    FIRST,
    /** The value of the latest point. */
    LAST,
    /**
     * The change per second between the bucket's first and last point: {@code (last - first) / seconds between
     * them}. A bucket with fewer than two points has no rate and is left out. Counter resets are not detected.
     */
    RATE
}
