package dev.strata.backend.memory.internal;

import static dev.strata.backend.memory.internal.TestStores.bytes;
import static dev.strata.backend.memory.internal.TestStores.extra;
import static dev.strata.backend.memory.internal.TestStores.get;
import static dev.strata.backend.memory.internal.TestStores.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/** {@code compression=deflate}: values round-trip on every read path and compressible data takes less memory. */
class CompressionTest {

    /** A JSON-like value: compresses well. */
    private static byte[] document(int i) {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 20; n++) {
            text.append("{\"id\":").append(i).append(",\"status\":\"active\",\"tags\":[\"alpha\",\"beta\"]}");
        }
        return bytes(text.toString());
    }

    private static byte[] random(int length, long seed) {
        byte[] value = new byte[length];
        new Random(seed).nextBytes(value);
        return value;
    }

    @Test
    void valuesRoundTripThroughGetsCursorsAndOwnWrites() {
        StorageEngine engine = TestStores.open("compression", "deflate");
        byte[][] values = {new byte[0], bytes("short"), new byte[ValueCodec.COMPRESSION_THRESHOLD],
            new byte[ValueCodec.COMPRESSION_THRESHOLD + 1], document(1), random(1000, 1), random(3 * 1024 * 1024, 2)};
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < values.length; i++) {
                tx.put(bytes("k" + i), values[i]);
                assertArrayEquals(values[i], tx.get(bytes("k" + i)), "own write " + i);
            }
            try (EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
                for (byte[] value : values) {
                    assertTrue(cursor.next());
                    assertArrayEquals(value, cursor.value());
                }
            }
            tx.commit();
        }
        for (int i = 0; i < values.length; i++) {
            assertArrayEquals(values[i], get(engine, "k" + i), "committed " + i);
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, true)) {
            for (int i = values.length - 1; i >= 0; i--) {
                assertTrue(cursor.next());
                assertArrayEquals(values[i], cursor.value(), "reverse cursor " + i);
            }
        }
        byte[] read = get(engine, "k4");
        read[0] = 'X';
        assertArrayEquals(document(1), get(engine, "k4"), "a returned array is a copy");
        engine.close();
    }

    @Test
    void compressibleDataTakesLessMemory() {
        StorageEngine plain = TestStores.open();
        StorageEngine deflated = TestStores.open("compression", "deflate");
        for (int i = 0; i < 500; i++) {
            put(plain, "doc." + i, document(i));
            put(deflated, "doc." + i, document(i));
        }
        long plainBytes = plain.metrics().memoryBytes();
        long deflatedBytes = deflated.metrics().memoryBytes();
        assertTrue(deflatedBytes * 3 < plainBytes, "deflated " + deflatedBytes + " vs plain " + plainBytes);
        assertEquals(500, extra(deflated, "compressedValues"));
        assertEquals(0, extra(plain, "compressedValues"));
        for (int i = 0; i < 500; i += 7) {
            assertArrayEquals(document(i), get(deflated, "doc." + i));
        }
        plain.close();
        deflated.close();
    }

    @Test
    void valuesThatDoNotShrinkAreStoredAsTheyAre() {
        StorageEngine engine = TestStores.open("compression", "deflate");
        put(engine, "noise", random(4096, 3));
        put(engine, "small", bytes("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assertEquals(0, extra(engine, "compressedValues"));
        assertArrayEquals(random(4096, 3), get(engine, "noise"));
        engine.close();
    }

    @Test
    void overwrittenCompressedValuesLeaveTheCount() {
        StorageEngine engine = TestStores.open("compression", "deflate");
        put(engine, "doc", document(1));
        put(engine, "doc", document(2));
        TestStores.delete(engine, "doc");
        assertEquals(0, extra(engine, "compressedValues"));
        assertEquals(0, engine.metrics().memoryBytes());
        engine.close();
    }

    @Test
    void unknownCompressionIsRefusedAtOpen() {
        assertThrows(InvalidArgumentException.class, () -> TestStores.open("compression", "lz4"));
    }
}
