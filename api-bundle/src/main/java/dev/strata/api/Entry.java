package dev.strata.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One key and its value, as returned by scans. Values are compared by content.
 */
public record Entry(String key, byte[] value) {

    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Entry e && key.equals(e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Entry[" + key + ", " + value.length + " bytes]";
    }
}
