package dev.strata.api.tck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.AfterEach;

/**
 * The root of the conformance kit: gives every contract its fixture and small helpers. Implement
 * {@link StorageBackendConformance} rather than this.
 */
public interface EngineContract {

    /** The fixture of the current test (a new one per test instance). */
    EngineFixture fixture();

    @AfterEach
    default void closeFixture() {
        fixture().close();
    }

    default StorageEngine engine() {
        return fixture().engine();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** Writes one key in its own committed transaction; returns the commit's sequence. */
    default long put(String key, String value) {
        return put(bytes(key), bytes(value));
    }

    default long put(byte[] key, byte[] value) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(key, value);
            return tx.commit();
        }
    }

    /** Reads one key in its own read-only transaction; null when absent. */
    default String get(String key) {
        return text(get(bytes(key)));
    }

    default byte[] get(byte[] key) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            return tx.get(key);
        }
    }

    /** Every key of the range, in the cursor's order, as text. */
    static List<String> keys(EngineTransaction tx, KeyRange range, boolean reverse) {
        List<String> keys = new ArrayList<>();
        try (EngineCursor cursor = tx.cursor(range, reverse)) {
            while (cursor.next()) {
                keys.add(text(cursor.key()));
            }
        }
        return keys;
    }

    /** Every key of the store, ascending, from a fresh snapshot. */
    default List<String> allKeys() {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            return keys(tx, KeyRange.ALL, false);
        }
    }
}
