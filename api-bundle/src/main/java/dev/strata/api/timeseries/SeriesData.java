package dev.strata.api.timeseries;

import java.util.List;
import java.util.Objects;

/** The samples of one series in a query's range, in timestamp order. */
public record SeriesData(Series series, List<Sample> samples) {

    public SeriesData {
        Objects.requireNonNull(series, "series");
        samples = List.copyOf(samples);
    }
}
