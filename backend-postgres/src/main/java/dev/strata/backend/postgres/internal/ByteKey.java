package dev.strata.backend.postgres.internal;

import java.util.Arrays;

/** A byte-array key for hash lookups (a transaction's batched reads). */
record ByteKey(byte[] bytes) {
    @Override
    public boolean equals(Object other) {
        return other instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return dev.strata.api.spi.ByteKeys.toDisplay(bytes);
    }
}
