package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/** Keys are ordered as unsigned bytes; any bytes round-trip, from empty values to 16 MB ones. */
public interface OrderingContract extends EngineContract {

    @Test
    default void keysAreOrderedAsUnsignedBytes() {
        List<byte[]> expected = List.of(bytes(0x00), bytes(0x00, 0x00), bytes(0x01), bytes(0x7F), bytes(0x80),
                bytes(0x80, 0x00), bytes(0xFE, 0xFF), bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF));
        List<byte[]> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (byte[] key : shuffled) {
                tx.put(key, key);
            }
            tx.commit();
        }
        List<byte[]> seen = new ArrayList<>();
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
            while (cursor.next()) {
                assertArrayEquals(cursor.key(), cursor.value(), "value belongs to its key");
                seen.add(cursor.key());
            }
        }
        assertEquals(expected.size(), seen.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), seen.get(i), "key at position " + i);
        }
    }

    @Test
    default void unicodeKeysFollowCodePointOrder() {
        List<String> keys = List.of("a", "z", "é", "日本", "\uFFFD", "\uD834\uDD1E", "\uD83D\uDE00");
        for (String key : keys) {
            put(key, "v:" + key);
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort(dev.strata.api.KeyOrder::compare);
        assertEquals(expected, allKeys());
        for (String key : keys) {
            assertEquals("v:" + key, get(key));
        }
    }

    @Test
    default void binaryKeysAndValuesRoundTrip() {
        Random random = new Random(42);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[1 + random.nextInt(64)];
            random.nextBytes(key);
            byte[] value = new byte[random.nextInt(300)];
            random.nextBytes(value);
            put(key, value);
            assertArrayEquals(value, get(key));
            keys.add(key);
        }
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        put(everyByte, everyByte);
        assertArrayEquals(everyByte, get(everyByte));
        keys.sort(Arrays::compareUnsigned);
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
            byte[] previous = null;
            while (cursor.next()) {
                if (previous != null) {
                    assertTrue(Arrays.compareUnsigned(previous, cursor.key()) < 0, "strictly ascending");
                }
                previous = cursor.key();
            }
        }
    }

    @Test
    default void emptyValueIsAValueNotAnAbsence() {
        put(bytes("empty"), new byte[0]);
        byte[] value = get(bytes("empty"));
        assertNotNull(value, "an empty value is present");
        assertEquals(0, value.length);
        assertNull(get(bytes("absent")));
    }

    @Test
    default void sixteenMegabyteValueRoundTrips() {
        byte[] big = new byte[16 * 1024 * 1024];
        new Random(16).nextBytes(big);
        put(bytes("big"), big);
        assertArrayEquals(big, get(bytes("big")));
        put(bytes("big"), bytes("small"));
        assertEquals("small", get("big"));
    }

    @Test
    default void overwriteReplacesAndDeleteRemoves() {
        put("k", "one");
        put("k", "two");
        assertEquals("two", get("k"));
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            assertTrue(tx.delete(bytes("k")), "delete of a present key reports it");
            assertFalse(tx.delete(bytes("k")), "second delete finds nothing");
            assertFalse(tx.delete(bytes("never")), "delete of an absent key reports it");
            tx.commit();
        }
        assertNull(get("k"));
        assertEquals(List.of(), allKeys());
    }

    @Test
    default void engineKeepsItsOwnCopies() {
        byte[] key = bytes("key");
        byte[] value = bytes("value");
        put(key, value);
        key[0] = 'X';
        value[0] = 'X';
        assertEquals("value", get("key"), "changing the caller's arrays after put changes nothing");
        byte[] read = get(bytes("key"));
        read[0] = 'Y';
        assertEquals("value", get("key"), "changing a returned array changes nothing");
    }
}
