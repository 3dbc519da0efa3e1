package dev.strata.api;

import java.util.Objects;

/**
 * A glob over keys: {@code *} matches any run of characters (also none), {@code ?} exactly one character,
 * {@code \} makes the next character literal. {@code users.*} selects every key starting with {@code users.};
 * {@code logs.2026-??-*} selects the logs of every month of 2026. Scans use the literal start as a key prefix and
 * test the rest, so a pattern with a long literal start reads few keys.
 */
public final class KeyPattern {

    private static final char ANY = '*';
    private static final char ONE = '?';
    private static final char ESCAPE = '\\';

    private final String glob;
    /** The pattern as code points, with escapes resolved; wildcards are marked in {@link #wild}. */
    private final int[] points;
    private final boolean[] wild;
    private final String literalPrefix;

    private KeyPattern(String glob, int[] points, boolean[] wild, String literalPrefix) {
        this.glob = glob;
        this.points = points;
        this.wild = wild;
        this.literalPrefix = literalPrefix;
    }

    /**
     * @throws InvalidArgumentException for a null or empty pattern or a dangling escape
     */
    public static KeyPattern compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new InvalidArgumentException("key pattern must not be null or empty");
        }
        int[] raw = glob.codePoints().toArray();
        int[] points = new int[raw.length];
        boolean[] wild = new boolean[raw.length];
        int n = 0;
        StringBuilder prefix = new StringBuilder();
        boolean inPrefix = true;
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i];
            boolean isWild = false;
            if (c == ESCAPE) {
                if (++i == raw.length) {
                    throw new InvalidArgumentException("key pattern ends with a lone escape: '" + glob + "'");
                }
                c = raw[i];
            } else if (c == ANY || c == ONE) {
                isWild = true;
                inPrefix = false;
            }
            if (inPrefix) {
                prefix.appendCodePoint(c);
            }
            points[n] = c;
            wild[n] = isWild;
            n++;
        }
        return new KeyPattern(glob, java.util.Arrays.copyOf(points, n), java.util.Arrays.copyOf(wild, n),
                prefix.toString());
    }

    /** The characters every matching key starts with. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** Matches with the classic greedy-with-backtrack wildcard walk: linear for one star, never exponential. */
    public boolean matches(String key) {
        Objects.requireNonNull(key, "key");
        int[] text = key.codePoints().toArray();
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length) {
            if (p < points.length && (wild[p] && points[p] == ONE || !wild[p] && points[p] == text[t])) {
                t++;
                p++;
            } else if (p < points.length && wild[p] && points[p] == ANY) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < points.length && wild[p] && points[p] == ANY) {
            p++;
        }
        return p == points.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyPattern k && glob.equals(k.glob);
    }

    @Override
    public int hashCode() {
        return glob.hashCode();
    }

    @Override
    public String toString() {
        return glob;
    }
}
