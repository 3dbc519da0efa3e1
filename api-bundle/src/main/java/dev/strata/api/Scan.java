package dev.strata.api;

/**
 * Which keys a scan returns, in which direction and how many. Build one with a factory and refine it:
 *
 * <pre>{@code
 * Scan.prefix("users.").limit(100)
 * Scan.range("a", "m").reverse()
 * Scan.pattern("logs.2026-??-*")
 * }</pre>
 *
 * Keys are ordered by their UTF-8 bytes, unsigned, which is the order of Unicode code points.
 *
 * @param prefix  only keys starting with it ({@code null}: no constraint)
 * @param from    only keys at or after it ({@code null}: from the first key)
 * @param to      only keys strictly before it ({@code null}: to the last key)
 * @param pattern only keys matching this {@link KeyPattern} ({@code null}: no constraint)
 * @param descending descending order
 * @param maxEntries at most this many entries; 0 means no limit
 */
public record Scan(String prefix, String from, String to, KeyPattern pattern, boolean descending, long maxEntries) {

    public Scan {
        if (maxEntries < 0) {
            throw new InvalidArgumentException("scan limit must not be negative, was " + maxEntries);
        }
        if (from != null && to != null && KeyOrder.compare(from, to) > 0) {
            throw new InvalidArgumentException("scan range is inverted: from '" + from + "' is after to '" + to + "'");
        }
    }

    /** Every key. */
    public static Scan all() {
        return new Scan(null, null, null, null, false, 0);
    }

    /** Keys starting with the prefix. */
    public static Scan prefix(String prefix) {
        if (prefix == null) {
            throw new InvalidArgumentException("scan prefix must not be null");
        }
        return new Scan(prefix, null, null, null, false, 0);
    }

    /** Keys in [from, to); either bound may be {@code null} for open-ended. */
    public static Scan range(String from, String to) {
        return new Scan(null, from, to, null, false, 0);
    }

    /** Keys matching a glob: {@code *} any run of characters, {@code ?} one character, {@code \} escapes. */
    public static Scan pattern(String glob) {
        return new Scan(null, null, null, KeyPattern.compile(glob), false, 0);
    }

    /** The same scan in the other direction. */
    public Scan reverse() {
        return new Scan(prefix, from, to, pattern, !descending, maxEntries);
    }

    /** The same scan, stopping after {@code max} entries (0: no limit). */
    public Scan limit(long max) {
        return new Scan(prefix, from, to, pattern, descending, max);
    }

    /** The longest literal start every selected key has (the prefix, or the pattern's literal start). */
    public String effectivePrefix() {
        String patternPrefix = pattern == null ? "" : pattern.literalPrefix();
        String own = prefix == null ? "" : prefix;
        return own.length() >= patternPrefix.length() ? own : patternPrefix;
    }

    /** Whether a key within the scan's bounds also satisfies its prefix and pattern. */
    public boolean accepts(String key) {
        return (prefix == null || key.startsWith(prefix)) && (pattern == null || pattern.matches(key));
    }
}
