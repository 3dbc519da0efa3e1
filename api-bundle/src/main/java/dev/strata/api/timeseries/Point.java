package dev.strata.api.timeseries;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;

/**
 * One measurement: a value of a series (metric plus tags) at a timestamp. The tags are copied into an unmodifiable
 * map sorted by name (a {@link SortedMap}), so two points with the same metric and tags belong to the same series whatever order the
 * tags were given in. Names and values are checked when the point is appended ({@link InvalidPointException}).
 *
 * @param metric    the metric name, e.g. {@code cpu.load}
 * @param tags      tag names to values, e.g. {@code host=a}; may be empty
 * @param timestamp milliseconds since the epoch
 * @param value     any double, including NaN and the infinities
 */
public record Point(String metric, Map<String, String> tags, long timestamp, double value) {

    public Point {
        if (metric == null) {
            throw new InvalidPointException("metric must not be null");
        }
        tags = copy(tags);
    }

    /** A point with tags given as alternating names and values: {@code Point.of("cpu", t, 0.5, "host", "a")}. */
    public static Point of(String metric, long timestamp, double value, String... tagNamesAndValues) {
        if (tagNamesAndValues.length % 2 != 0) {
            throw new InvalidPointException("tags must come as name, value pairs; got an odd count ("
                    + tagNamesAndValues.length + ")");
        }
        SortedMap<String, String> tags = new TreeMap<>();
        for (int i = 0; i < tagNamesAndValues.length; i += 2) {
            tags.put(tagNamesAndValues[i], tagNamesAndValues[i + 1]);
        }
        return new Point(metric, tags, timestamp, value);
    }

    /** The series this point belongs to. */
    public Series series() {
        return new Series(metric, tags);
    }

    static SortedMap<String, String> copy(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return Collections.emptySortedMap();
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey() == null || tag.getValue() == null) {
                throw new InvalidArgumentException("tag names and values must not be null: " + tags);
            }
            sorted.put(tag.getKey(), tag.getValue());
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
