package dev.strata.core.internal;

import java.util.Arrays;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Scan;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.KeyRange;

/**
 * How a {@link Scan} is run on an engine: the narrowest byte range that holds every key it can select (the
 * intersection of its bounds, its prefix's range and its pattern's literal start's range), plus the test for the
 * keys in that range, which checks prefix and pattern both (the range always ends below {@link CoreKeys#USER_END},
 * where core's own records start): narrowing by the longer of the two literal starts alone
 * would let through keys that have the pattern's start but not the prefix.
 *
 * @param range the engine range to walk, or {@code null} when the scan can select nothing
 * @param scan  the scan, for its direction, limit and filter
 */
record ScanPlan(KeyRange range, Scan scan) {

    static ScanPlan of(Scan scan) {
        if (scan == null) {
            throw new InvalidArgumentException("scan must not be null");
        }
        byte[] lower = scan.from() == null ? null : Keys.encodeBound(scan.from());
        byte[] upper = scan.to() == null ? null : Keys.encodeBound(scan.to());
        String[] literalStarts = {scan.prefix(), scan.pattern() == null ? null : scan.pattern().literalPrefix()};
        for (String literal : literalStarts) {
            if (literal != null && !literal.isEmpty()) {
                byte[] start = Keys.encodeBound(literal);
                byte[] end = ByteKeys.prefixEnd(start);
                lower = lower == null || Arrays.compareUnsigned(start, lower) > 0 ? start : lower;
                upper = upper == null || end != null && Arrays.compareUnsigned(end, upper) < 0 ? end : upper;
            }
        }
        if (lower != null && lower.length == 0) {
            lower = null;
        }
        if (upper == null || Arrays.compareUnsigned(upper, CoreKeys.USER_END) > 0) {
            upper = CoreKeys.USER_END; // core's own records (0xFF...) are never part of a user's scan
        }
        if (lower != null && upper != null && Arrays.compareUnsigned(lower, upper) >= 0) {
            return new ScanPlan(null, scan);
        }
        return new ScanPlan(new KeyRange(lower, upper), scan);
    }

    boolean isEmpty() {
        return range == null || scan.to() != null && scan.to().isEmpty();
    }

    /** Whether {@link #accepts} can refuse a key of the range (a prefix or a pattern): else every key belongs. */
    boolean filtersKeys() {
        return scan.prefix() != null && !scan.prefix().isEmpty() || scan.pattern() != null;
    }

    /** Whether a key the engine returned from the range belongs to the result: it has the prefix and matches. */
    boolean accepts(String key) {
        return scan.accepts(key);
    }
}
