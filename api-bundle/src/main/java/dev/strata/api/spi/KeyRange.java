package dev.strata.api.spi;

import java.util.Arrays;

import dev.strata.api.InvalidArgumentException;

/**
 * A range of byte keys: from {@code lower} (inclusive) to {@code upper} (exclusive), either open when {@code null}.
 */
public record KeyRange(byte[] lower, byte[] upper) {

    public static final KeyRange ALL = new KeyRange(null, null);

    public KeyRange {
        if (lower != null && upper != null && Arrays.compareUnsigned(lower, upper) > 0) {
            throw new InvalidArgumentException("key range is inverted");
        }
        lower = lower == null ? null : lower.clone();
        upper = upper == null ? null : upper.clone();
    }

    /** Every key that starts with the prefix. An empty prefix is the whole key space. */
    public static KeyRange prefix(byte[] prefix) {
        if (prefix.length == 0) {
            return ALL;
        }
        return new KeyRange(prefix, ByteKeys.prefixEnd(prefix));
    }

    public boolean contains(byte[] key) {
        return (lower == null || Arrays.compareUnsigned(key, lower) >= 0)
                && (upper == null || Arrays.compareUnsigned(key, upper) < 0);
    }

    /** Whether the key lies past the upper end (for ascending walks that can stop early). */
    public boolean isAbove(byte[] key) {
        return upper != null && Arrays.compareUnsigned(key, upper) >= 0;
    }

    /** Whether the key lies before the lower end (for descending walks that can stop early). */
    public boolean isBelow(byte[] key) {
        return lower != null && Arrays.compareUnsigned(key, lower) < 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyRange r && Arrays.equals(lower, r.lower) && Arrays.equals(upper, r.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "KeyRange[" + ByteKeys.toDisplay(lower) + ", " + ByteKeys.toDisplay(upper) + ")";
    }
}
