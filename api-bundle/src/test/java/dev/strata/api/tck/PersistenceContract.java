package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;

/** Close and reopen keeps every committed write and nothing else (backends that declare persistence). */
public interface PersistenceContract extends EngineContract {

    @Test
    default void committedDataSurvivesReopen() {
        assumeTrue(fixture().persistent(), "backend is not persistent");
        put("a", "1");
        put("b", "2");
        put("a", "1b");
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.delete(bytes("b"));
            tx.put(bytes("c"), bytes("3"));
            tx.commit();
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("aborted"), bytes("x"));
            tx.abort();
        }
        fixture().reopen();
        assertEquals("1b", get("a"));
        assertNull(get("b"));
        assertEquals("3", get("c"));
        assertEquals(List.of("a", "c"), allKeys());
        fixture().reopen();
        assertEquals(List.of("a", "c"), allKeys(), "a second reopen changes nothing");
    }

    @Test
    default void manyKeysAndLargeValuesSurviveReopen() {
        assumeTrue(fixture().persistent(), "backend is not persistent");
        Random random = new Random(3);
        byte[] big = new byte[4 * 1024 * 1024];
        random.nextBytes(big);
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 20_000; i++) {
                tx.put(bytes(String.format("k%06d", i)), bytes("v" + i));
            }
            tx.put(bytes("big"), big);
            tx.commit();
        }
        fixture().reopen();
        assertArrayEquals(big, get(bytes("big")));
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_ONLY)) {
            for (int i = 0; i < 20_000; i += 997) {
                assertEquals("v" + i, text(tx.get(bytes(String.format("k%06d", i)))));
            }
        }
        assertEquals(20_001, allKeys().size());
    }

    @Test
    default void writesAfterReopenAreKeptToo() {
        assumeTrue(fixture().persistent(), "backend is not persistent");
        put("first", "1");
        fixture().reopen();
        put("second", "2");
        fixture().reopen();
        assertEquals(List.of("first", "second"), allKeys());
    }
}
