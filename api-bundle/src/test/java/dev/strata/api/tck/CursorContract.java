package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/** Arrays cross the SPI by copy, both ways: nothing a caller does to an array changes the store. */
public interface CursorContract extends EngineContract {

    private static void scribble(byte[] array) {
        Arrays.fill(array, (byte) '#');
    }

    @Test
    default void cursorsHandOutCopiesOfCommittedEntries() {
        put("key", "value");
        assertCursorCopies(false);
    }

    @Test
    default void cursorsHandOutCopiesOfOwnWrites() {
        assertCursorCopies(true);
    }

    private void assertCursorCopies(boolean ownWrite) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            if (ownWrite) {
                tx.put(bytes("key"), bytes("value"));
            }
            for (boolean reverse : new boolean[] {false, true}) {
                try (EngineCursor cursor = tx.cursor(KeyRange.ALL, reverse)) {
                    assertTrue(cursor.next());
                    scribble(cursor.key());
                    scribble(cursor.value());
                    assertEquals("key", text(cursor.key()), "the cursor's key changed when the caller wrote into an "
                            + "array it returned (" + (ownWrite ? "own write" : "committed entry") + ")");
                    assertEquals("value", text(cursor.value()), "the cursor's value changed when the caller wrote "
                            + "into an array it returned (" + (ownWrite ? "own write" : "committed entry") + ")");
                }
            }
            scribble(tx.get(bytes("key")));
            assertEquals("value", text(tx.get(bytes("key"))), "get handed out the engine's own array");
            tx.commit();
        }
        assertEquals("value", get("key"));
    }

    @Test
    default void arraysPassedInAreCopied() {
        byte[] key = bytes("key");
        byte[] value = bytes("value");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(key, value);
            scribble(value);
            assertEquals("value", text(tx.get(bytes("key"))), "the transaction kept the caller's value array");
            scribble(key);
            assertEquals("value", text(tx.get(bytes("key"))), "the transaction kept the caller's key array");
            tx.commit();
        }
        assertEquals("value", get("key"));
        assertEquals(java.util.List.of("key"), allKeys());
    }
}
