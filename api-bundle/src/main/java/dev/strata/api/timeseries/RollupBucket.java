package dev.strata.api.timeseries;

/**
 * One bucket of a rollup: the raw points of {@code [start, start + width)} summarised. It stays when the raw points
 * are dropped by retention.
 */
public record RollupBucket(long start, long count, double sum, double min, double max) {

    /** {@code sum / count}. */
    public double avg() {
        return sum / count;
    }

    /** The value of this bucket for an aggregation a rollup can answer (min, max, avg, sum, count). */
    public double value(Aggregation aggregation) {
        return switch (aggregation) {
            case MIN -> min;
            case MAX -> max;
            case AVG -> avg();
            case SUM -> sum;
            case COUNT -> count;
            default -> throw new dev.strata.api.InvalidArgumentException("a rollup keeps count, sum, min and max; it "
                    + "cannot answer " + aggregation.name().toLowerCase(java.util.Locale.ROOT));
        };
    }
}
