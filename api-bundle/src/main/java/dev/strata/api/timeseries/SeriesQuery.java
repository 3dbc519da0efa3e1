package dev.strata.api.timeseries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.InvalidArgumentException;

/**
 * Which series and which time range a query reads: one metric, tag filters that all have to match, and the
 * half-open range {@code [from, to)} in milliseconds since the epoch.
 */
public record SeriesQuery(String metric, List<TagFilter> filters, long from, long to) {

    public SeriesQuery {
        if (metric == null || metric.isEmpty()) {
            throw new InvalidArgumentException("query needs a metric name");
        }
        if (filters == null || filters.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("query filters must not be null");
        }
        filters = List.copyOf(filters);
        if (from >= to) {
            throw new InvalidArgumentException("query range is empty or inverted: from " + from + " is not before to "
                    + to);
        }
    }

    /** Every series of the metric in {@code [from, to)}. */
    public static SeriesQuery of(String metric, long from, long to) {
        return new SeriesQuery(metric, List.of(), from, to);
    }

    public static SeriesQuery of(String metric, Instant from, Instant to) {
        return of(metric, from.toEpochMilli(), to.toEpochMilli());
    }

    /** The same query with one more filter. */
    public SeriesQuery where(TagFilter filter) {
        List<TagFilter> more = new ArrayList<>(filters);
        more.add(filter);
        return new SeriesQuery(metric, more, from, to);
    }
}
