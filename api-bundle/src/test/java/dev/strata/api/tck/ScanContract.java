package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/** Cursors over ranges and prefixes, both directions, merged with the transaction's own writes. */
public interface ScanContract extends EngineContract {

    private void fill(String... keys) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (String key : keys) {
                tx.put(bytes(key), bytes("v:" + key));
            }
            tx.commit();
        }
    }

    private List<String> scan(KeyRange range, boolean reverse) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            return keys(tx, range, reverse);
        }
    }

    @Test
    default void emptyStoreYieldsNothing() {
        assertEquals(List.of(), scan(KeyRange.ALL, false));
        assertEquals(List.of(), scan(KeyRange.ALL, true));
    }

    @Test
    default void fullScanBothDirections() {
        fill("c", "a", "e", "b", "d");
        assertEquals(List.of("a", "b", "c", "d", "e"), scan(KeyRange.ALL, false));
        assertEquals(List.of("e", "d", "c", "b", "a"), scan(KeyRange.ALL, true));
    }

    @Test
    default void rangeIsInclusiveBelowExclusiveAbove() {
        fill("a", "b", "c", "d", "e");
        KeyRange range = new KeyRange(bytes("b"), bytes("d"));
        assertEquals(List.of("b", "c"), scan(range, false));
        assertEquals(List.of("c", "b"), scan(range, true));
        KeyRange between = new KeyRange(bytes("bb"), bytes("dd"));
        assertEquals(List.of("c", "d"), scan(between, false));
        assertEquals(List.of("d", "c"), scan(between, true));
        assertEquals(List.of("d", "e"), scan(new KeyRange(bytes("d"), null), false));
        assertEquals(List.of("b", "a"), scan(new KeyRange(null, bytes("c")), true));
        assertEquals(List.of(), scan(new KeyRange(bytes("x"), bytes("z")), false));
    }

    @Test
    default void prefixSelectsExactlyItsKeys() {
        fill("user", "user.", "user.1", "user.2", "user.2.x", "userz", "usea", "v");
        assertEquals(List.of("user.", "user.1", "user.2", "user.2.x"), scan(KeyRange.prefix(bytes("user.")), false));
        assertEquals(List.of("user.2.x", "user.2", "user.1", "user."), scan(KeyRange.prefix(bytes("user.")), true));
    }

    @Test
    default void prefixOfHighBytes() {
        put(bytes(0xFF), bytes("a"));
        put(bytes(0xFF, 0xFF), bytes("b"));
        put(bytes(0xFF, 0xFF, 0x01), bytes("c"));
        put(bytes(0xFE), bytes("x"));
        List<String> values = new ArrayList<>();
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.prefix(bytes(0xFF, 0xFF)), false)) {
            while (cursor.next()) {
                values.add(EngineContract.text(cursor.value()));
            }
        }
        assertEquals(List.of("b", "c"), values);
    }

    @Test
    default void cursorSeesTheTransactionsOwnWrites() {
        fill("a", "c", "e");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("b"), bytes("new"));
            tx.put(bytes("c"), bytes("changed"));
            tx.delete(bytes("e"));
            tx.put(bytes("f"), bytes("new"));
            assertEquals(List.of("a", "b", "c", "f"), keys(tx, KeyRange.ALL, false));
            assertEquals(List.of("f", "c", "b", "a"), keys(tx, KeyRange.ALL, true));
            try (EngineCursor cursor = tx.cursor(new KeyRange(bytes("c"), bytes("d")), false)) {
                cursor.next();
                assertEquals("changed", EngineContract.text(cursor.value()));
            }
            tx.abort();
        }
        assertEquals(List.of("a", "c", "e"), allKeys());
    }

    @Test
    default void cursorClosedEarlyLeavesTheTransactionUsable() {
        for (int i = 0; i < 1000; i++) {
            put(String.format("k%04d", i), "v");
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            try (EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
                for (int i = 0; i < 10; i++) {
                    cursor.next();
                }
                assertEquals("k0009", EngineContract.text(cursor.key()));
            }
            tx.put(bytes("k9999"), bytes("last"));
            tx.commit();
        }
        assertEquals(1001, allKeys().size());
    }

    @Test
    default void largeScanVisitsEveryKeyOnce() {
        int count = 50_000;
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < count; i++) {
                tx.put(bytes(String.format("key%08d", i)), bytes("value" + i));
            }
            tx.commit();
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, true)) {
            int expected = count - 1;
            while (cursor.next()) {
                assertEquals(String.format("key%08d", expected), EngineContract.text(cursor.key()));
                expected--;
            }
            assertEquals(-1, expected, "every key visited once");
        }
    }
}
