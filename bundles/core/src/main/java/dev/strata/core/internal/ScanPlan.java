package dev.strata.core.internal;

import java.util.Arrays;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Scan;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.KeyRange;

/**
 * How a {@link Scan} is run on an engine: the narrowest byte range that holds every key it can select (the
 * intersection of its bounds and its literal prefix), plus the test for the keys in that range.
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
        String prefix = scan.effectivePrefix();
        if (!prefix.isEmpty()) {
            byte[] start = Keys.encodeBound(prefix);
            byte[] end = ByteKeys.prefixEnd(start);
            lower = lower == null || Arrays.compareUnsigned(start, lower) > 0 ? start : lower;
            upper = upper == null || end != null && Arrays.compareUnsigned(end, upper) < 0 ? end : upper;
        }
        if (lower != null && lower.length == 0) {
            lower = null;
        }
        if (lower != null && upper != null && Arrays.compareUnsigned(lower, upper) >= 0) {
            return new ScanPlan(null, scan);
        }
        return new ScanPlan(new KeyRange(lower, upper), scan);
    }

    boolean isEmpty() {
        return range == null || scan.to() != null && scan.to().isEmpty();
    }

    /** Whether a key the engine returned from the range belongs to the result. */
    boolean accepts(String key) {
        return scan.pattern() == null || scan.pattern().matches(key);
    }
}
