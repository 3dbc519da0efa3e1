package dev.strata.api.timeseries;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A series: one metric with one set of tags. Tags are copied into an unmodifiable map sorted by name.
 */
public record Series(String metric, Map<String, String> tags) {

    public Series {
        if (metric == null) {
            throw new InvalidPointException("metric must not be null");
        }
        tags = Point.copy(tags);
    }

    /** {@code metric{name=value,...}}, the form the shell prints. */
    @Override
    public String toString() {
        return metric + tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
