package dev.strata.backend.postgres.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;

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

    /** Reads every row of {@code (k, v)} into {@code into}; returns it. */
    static Map<ByteKey, byte[]> readRows(ResultSet rows, Map<ByteKey, byte[]> into) throws SQLException {
        while (rows.next()) {
            into.put(new ByteKey(rows.getBytes(1)), rows.getBytes(2));
        }
        return into;
    }

    @Override
    public String toString() {
        return dev.strata.api.spi.ByteKeys.toDisplay(bytes);
    }
}
