package dev.strata.api.timeseries;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.strata.api.InvalidArgumentException;

/**
 * Selects series by one tag. A series without the tag never matches. Several filters in one query all have to
 * match.
 */
public sealed interface TagFilter permits TagFilter.Equals, TagFilter.In, TagFilter.Regex {

    /** The tag this filter looks at. */
    String tag();

    /** Whether a series with these tags passes. */
    boolean matches(Map<String, String> tags);

    /** {@code tag = value}. */
    static TagFilter equalTo(String tag, String value) {
        return new Equals(tag, value);
    }

    /** The tag has one of the values. */
    static TagFilter in(String tag, Set<String> values) {
        return new In(tag, values);
    }

    /** The whole tag value matches the regular expression ({@link java.util.regex.Pattern} syntax). */
    static TagFilter regex(String tag, String regex) {
        if (regex == null) {
            throw new InvalidArgumentException("tag filter regex must not be null");
        }
        try {
            return new Regex(tag, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new InvalidArgumentException("bad regular expression for tag '" + tag + "': "
                    + e.getDescription() + " in '" + regex + "'", e);
        }
    }

    private static void requireTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidArgumentException("tag filter needs a tag name");
        }
    }

    record Equals(String tag, String value) implements TagFilter {
        public Equals {
            requireTag(tag);
            if (value == null) {
                throw new InvalidArgumentException("tag filter value must not be null (tag '" + tag + "')");
            }
        }

        @Override
        public boolean matches(Map<String, String> tags) {
            return value.equals(tags.get(tag));
        }
    }

    record In(String tag, Set<String> values) implements TagFilter {
        public In {
            requireTag(tag);
            if (values == null || values.isEmpty() || values.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidArgumentException("tag filter 'in' needs at least one non-null value (tag '"
                        + tag + "')");
            }
            values = Set.copyOf(values);
        }

        @Override
        public boolean matches(Map<String, String> tags) {
            String value = tags.get(tag);
            return value != null && values.contains(value);
        }
    }

    record Regex(String tag, Pattern pattern) implements TagFilter {
        public Regex {
            requireTag(tag);
            if (pattern == null) {
                throw new InvalidArgumentException("tag filter pattern must not be null (tag '" + tag + "')");
            }
        }

        @Override
        public boolean matches(Map<String, String> tags) {
            String value = tags.get(tag);
            return value != null && pattern.matcher(value).matches();
        }
    }
}
