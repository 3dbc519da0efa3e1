package dev.strata.backend.memory.internal;

import static dev.strata.backend.memory.internal.TestStores.bytes;
import static dev.strata.backend.memory.internal.TestStores.extra;
import static dev.strata.backend.memory.internal.TestStores.put;
import static dev.strata.backend.memory.internal.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.ConflictException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/** Engine behaviour beyond the conformance kit: metrics, cursors under writes, and a store that closes. */
class MemoryEngineTest {

    @Test
    void metricsDescribeAMemoryEngine() {
        StorageEngine engine = TestStores.open();
        put(engine, "a", "1");
        put(engine, "b", "2");
        EngineTransaction first = engine.begin(TransactionMode.READ_WRITE);
        EngineTransaction second = engine.begin(TransactionMode.READ_WRITE);
        first.put(bytes("a"), bytes("x"));
        second.put(bytes("a"), bytes("y"));
        first.commit();
        assertThrows(ConflictException.class, second::commit);
        EngineMetrics metrics = engine.metrics();
        assertEquals(2, metrics.keys());
        long expectedBytes = 2 * (MemoryAccounting.KEY_OVERHEAD + MemoryAccounting.VERSION_OVERHEAD + 2);
        assertEquals(expectedBytes, metrics.memoryBytes());
        assertEquals(0, metrics.diskBytes());
        assertEquals(0, metrics.walBytes());
        assertEquals(-1, metrics.cacheHits());
        assertEquals(-1, metrics.cacheMisses());
        assertTrue(Double.isNaN(metrics.cacheHitRate()));
        assertEquals("n/a", metrics.compactionState());
        assertEquals(1, extra(engine, "conflicts"));
        assertEquals(1, extra(engine, "versionsPruned"));
        assertEquals(0, extra(engine, "evictions"));
        assertEquals(0, extra(engine, "compressedValues"));
        engine.close();
    }

    @Test
    void aCursorSeesWritesMadeAheadOfItAndSurvivesThem() {
        StorageEngine engine = TestStores.open();
        put(engine, "b", "committed");
        put(engine, "d", "committed");
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
            tx.put(bytes("a"), bytes("own"));
            assertTrue(cursor.next());
            assertEquals("a", text(cursor.key()));
            tx.put(bytes("c"), bytes("own"));
            tx.delete(bytes("d"));
            tx.put(bytes("e"), bytes("own"));
            List<String> rest = new ArrayList<>();
            while (cursor.next()) {
                rest.add(text(cursor.key()) + "=" + text(cursor.value()));
            }
            assertEquals(List.of("b=committed", "c=own", "e=own"), rest);
            assertThrows(IllegalStateException.class, cursor::key, "no current entry once exhausted");
        }
    }

    @Test
    void reverseCursorMergesOwnWritesWithinTheRange() {
        StorageEngine engine = TestStores.open();
        for (String key : List.of("a", "c", "e", "g")) {
            put(engine, key, "committed");
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("b"), bytes("own"));
            tx.put(bytes("f"), bytes("own"));
            tx.put(bytes("h"), bytes("outside"));
            tx.delete(bytes("c"));
            List<String> keys = new ArrayList<>();
            try (EngineCursor cursor = tx.cursor(new KeyRange(bytes("b"), bytes("g")), true)) {
                assertThrows(IllegalStateException.class, cursor::value, "no current entry before next()");
                while (cursor.next()) {
                    keys.add(text(cursor.key()));
                }
            }
            assertEquals(List.of("f", "e", "b"), keys);
        }
    }

    @Test
    void closingTheStoreEndsItsTransactionsWithATypedError() {
        StorageEngine engine = TestStores.open();
        put(engine, "a", "1");
        EngineTransaction open = engine.begin(TransactionMode.READ_WRITE);
        open.put(bytes("b"), bytes("2"));
        EngineCursor cursor = open.cursor(KeyRange.ALL, false);
        engine.close();
        assertThrows(StoreUnavailableException.class, () -> open.get(bytes("a")));
        assertThrows(StoreUnavailableException.class, open::commit,
                "the transaction was rolled back by the close, and keeps saying why");
        assertThrows(StoreUnavailableException.class, cursor::next);
        assertThrows(StoreUnavailableException.class, () -> engine.begin(TransactionMode.READ_ONLY));
        assertEquals(0, engine.metrics().keys());
        assertEquals(0, engine.metrics().memoryBytes());
        engine.close();
    }

    @Test
    void deleteOfAKeyOnlyThisTransactionWroteLeavesNoTrace() {
        StorageEngine engine = TestStores.open();
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("temp"), bytes("x"));
            assertTrue(tx.delete(bytes("temp")));
            assertFalse(tx.delete(bytes("temp")));
            tx.commit();
        }
        assertEquals(0, engine.metrics().keys());
        assertEquals(0, engine.metrics().memoryBytes());
        engine.close();
    }
}
