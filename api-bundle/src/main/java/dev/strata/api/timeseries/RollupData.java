package dev.strata.api.timeseries;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The rollup buckets of one series in a query's range, in time order. */
public record RollupData(Series series, Duration width, List<RollupBucket> buckets) {

    public RollupData {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(width, "width");
        buckets = List.copyOf(buckets);
    }
}
