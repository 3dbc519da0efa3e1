package dev.strata.timeseries.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.strata.api.Store;
import dev.strata.api.timeseries.InvalidPointException;
import dev.strata.api.timeseries.Series;
import dev.strata.api.timeseries.TimeSeriesCorruptionException;

/**
 * What a metric, a tag name and a tag value may be, and the canonical text of a series,
 * {@code metric{name=value,...}} with tags sorted by name and the characters the key layout uses as separators
 * ({@code % / = , { }}) percent-escaped in tag values. Names are restricted to characters that are never
 * separators, so they need no escaping.
 */
final class SeriesNames {

    static final int MAX_METRIC_LENGTH = 200;
    static final int MAX_TAG_NAME_LENGTH = 100;
    static final int MAX_TAG_VALUE_LENGTH = 256;
    static final int MAX_TAGS = 32;

    private static final Pattern METRIC = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.\\-]*");
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final String ESCAPED = "%/=,{}";

    private SeriesNames() {
    }

    static void checkMetric(String metric) {
        if (metric == null || metric.isEmpty()) {
            throw new InvalidPointException("metric name must not be empty");
        }
        if (metric.length() > MAX_METRIC_LENGTH) {
            throw new InvalidPointException("metric name is longer than " + MAX_METRIC_LENGTH + " characters: '"
                    + metric.substring(0, 40) + "...'");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw new InvalidPointException("bad metric name '" + metric + "': use letters, digits and _ : . - "
                    + "(not starting with a digit, dot or dash)");
        }
    }

    /** Checks a series and returns its canonical text; the store key built from it must fit too. */
    static String canonical(Series series) {
        checkMetric(series.metric());
        if (series.tags().size() > MAX_TAGS) {
            throw new InvalidPointException("series of '" + series.metric() + "' has " + series.tags().size()
                    + " tags; at most " + MAX_TAGS + " are allowed");
        }
        StringBuilder text = new StringBuilder(series.metric()).append('{');
        boolean first = true;
        for (Map.Entry<String, String> tag : series.tags().entrySet()) {
            checkTagName(tag.getKey());
            checkTagValue(tag.getKey(), tag.getValue());
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append(tag.getKey()).append('=').append(escape(tag.getValue()));
        }
        String canonical = text.append('}').toString();
        int keyBytes = (KeyLayout.DICTIONARY + canonical).getBytes(StandardCharsets.UTF_8).length;
        if (keyBytes > Store.MAX_KEY_BYTES) {
            throw new InvalidPointException("series " + series.metric() + " has tags too long to store (" + keyBytes
                    + " bytes of key, at most " + Store.MAX_KEY_BYTES + ")");
        }
        return canonical;
    }

    static void checkTagName(String name) {
        if (name.isEmpty() || name.length() > MAX_TAG_NAME_LENGTH || !TAG_NAME.matcher(name).matches()) {
            throw new InvalidPointException("bad tag name '" + name + "': use 1 to " + MAX_TAG_NAME_LENGTH
                    + " letters, digits and _ . - (not starting with a digit, dot or dash)");
        }
    }

    private static void checkTagValue(String name, String value) {
        if (value.isEmpty()) {
            throw new InvalidPointException("tag '" + name + "' has an empty value; leave the tag out instead");
        }
        if (value.length() > MAX_TAG_VALUE_LENGTH) {
            throw new InvalidPointException("tag '" + name + "' value is longer than " + MAX_TAG_VALUE_LENGTH
                    + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidPointException("tag '" + name + "' value contains a control character at "
                        + "position " + i);
            }
        }
    }

    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Parses the canonical text back; {@code key} names where it was read, for the corruption message. */
    static Series parse(String canonical, String key) {
        int open = canonical.indexOf('{');
        if (open <= 0 || !canonical.endsWith("}")) {
            throw new TimeSeriesCorruptionException("series entry '" + canonical + "' is not metric{tags}", key);
        }
        TreeMap<String, String> tags = new TreeMap<>();
        String body = canonical.substring(open + 1, canonical.length() - 1);
        if (!body.isEmpty()) {
            for (String pair : body.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new TimeSeriesCorruptionException("series entry '" + canonical + "' has a tag without '='",
                            key);
                }
                tags.put(pair.substring(0, eq), unescape(pair.substring(eq + 1)));
            }
        }
        return new Series(canonical.substring(0, open), tags);
    }
}
