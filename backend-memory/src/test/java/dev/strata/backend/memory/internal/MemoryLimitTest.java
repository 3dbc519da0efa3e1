package dev.strata.backend.memory.internal;

import static dev.strata.backend.memory.internal.TestStores.bytes;
import static dev.strata.backend.memory.internal.TestStores.extra;
import static dev.strata.backend.memory.internal.TestStores.get;
import static dev.strata.backend.memory.internal.TestStores.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.QuotaExceededException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/** {@code memory.limit} with both policies: refusal changes nothing; LRU eviction keeps what is used. */
class MemoryLimitTest {

    private static final int VALUE_BYTES = 200;
    /** What one key of this test costs against the limit: key, value and the per-entry estimates. */
    private static final long ENTRY_COST = MemoryAccounting.KEY_OVERHEAD + MemoryAccounting.VERSION_OVERHEAD
            + "cold.00000".length() + VALUE_BYTES;

    private static byte[] value(int seed) {
        byte[] value = new byte[VALUE_BYTES];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (seed * 31 + i);
        }
        return value;
    }

    private static List<String> allKeys(StorageEngine engine) {
        List<String> keys = new ArrayList<>();
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
            while (cursor.next()) {
                keys.add(TestStores.text(cursor.key()));
            }
        }
        return keys;
    }

    @Test
    void refusedCommitChangesNothing() {
        StorageEngine engine = TestStores.open("memory.limit", "8k");
        int fitting = 0;
        while ((fitting + 1) * ENTRY_COST <= 8 * 1024) {
            put(engine, String.format("cold.%05d", fitting), value(fitting));
            fitting++;
        }
        EngineMetrics before = engine.metrics();
        List<String> keysBefore = allKeys(engine);

        EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE);
        tx.put(bytes("cold.00000"), value(999));
        tx.delete(bytes("cold.00001"));
        tx.put(bytes("extra.1"), value(1));
        tx.put(bytes("extra.2"), value(2));
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, tx::commit);
        assertTrue(refused.getMessage().contains("memory.limit"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> tx.get(bytes("cold.00000")),
                "a refused commit ends the transaction");

        assertEquals(keysBefore, allKeys(engine));
        assertArrayEquals(value(0), get(engine, "cold.00000"));
        assertArrayEquals(value(1), get(engine, "cold.00001"));
        assertNull(get(engine, "extra.1"));
        EngineMetrics after = engine.metrics();
        assertEquals(before.keys(), after.keys());
        assertEquals(before.memoryBytes(), after.memoryBytes());
        assertEquals(before.extra().get("liveBytes"), after.extra().get("liveBytes"));
        assertEquals(0, extra(engine, "evictions"));
        engine.close();
    }

    @Test
    void commitsThatDoNotGrowTheDataPassAtTheLimit() {
        StorageEngine engine = TestStores.open("memory.limit", 4 * ENTRY_COST);
        for (int i = 0; i < 4; i++) {
            put(engine, String.format("cold.%05d", i), value(i));
        }
        assertThrows(QuotaExceededException.class, () -> put(engine, "cold.00004", value(4)));
        put(engine, "cold.00000", value(100));
        assertArrayEquals(value(100), get(engine, "cold.00000"), "a same-size overwrite fits");
        TestStores.delete(engine, "cold.00001");
        put(engine, "cold.00004", value(4));
        assertArrayEquals(value(4), get(engine, "cold.00004"), "room freed by a delete can be used");
        assertTrue(extra(engine, "liveBytes") <= 4 * ENTRY_COST);
        engine.close();
    }

    @Test
    void lruEvictionKeepsRecentlyReadKeysAndStaysWithinTheLimit() {
        long limit = 64 * 1024;
        StorageEngine engine = TestStores.open("memory.limit", "64k", "memory.policy", "evict-lru");
        int hot = 20;
        for (int i = 0; i < hot; i++) {
            put(engine, String.format("hot..%05d", i), value(i));
        }
        int cold = 2_000; // about eight times what fits
        for (int i = 0; i < cold; i++) {
            put(engine, String.format("cold.%05d", i), value(i));
            if (i % 50 == 0) {
                for (int h = 0; h < hot; h++) {
                    assertNotNull(get(engine, String.format("hot..%05d", h)),
                            "hot key " + h + " after " + i + " writes");
                }
            }
            assertTrue(extra(engine, "liveBytes") <= limit, "live data within the limit");
            assertTrue(engine.metrics().memoryBytes() <= limit, "with no reader open, old versions are gone too");
        }
        for (int h = 0; h < hot; h++) {
            assertArrayEquals(value(h), get(engine, String.format("hot..%05d", h)));
        }
        assertNull(get(engine, "cold.00000"), "the oldest cold key was evicted");
        assertArrayEquals(value(cold - 1), get(engine, String.format("cold.%05d", cold - 1)), "the newest stays");
        long evictions = extra(engine, "evictions");
        assertTrue(evictions > 0);
        assertEquals(hot + cold - evictions, engine.metrics().keys());
        assertEquals(engine.metrics().keys(), allKeys(engine).size());
        engine.close();
    }

    @Test
    void evictionNeverTakesWhatTheCommitWritesAndRefusesWhatCannotFit() {
        StorageEngine engine = TestStores.open("memory.limit", 10 * ENTRY_COST, "memory.policy", "evict-lru");
        for (int i = 0; i < 10; i++) {
            put(engine, String.format("cold.%05d", i), value(i));
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 10; i++) {
                tx.put(bytes(String.format("next.%05d", i)), value(i));
            }
            tx.commit();
        }
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(value(i), get(engine, String.format("next.%05d", i)));
            assertNull(get(engine, String.format("cold.%05d", i)));
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 11; i++) {
                tx.put(bytes(String.format("huge.%05d", i)), value(i));
            }
            assertThrows(QuotaExceededException.class, tx::commit, "one commit larger than the limit");
        }
        assertNotNull(get(engine, "next.00000"), "a refused commit evicts nothing");
        assertEquals(10, engine.metrics().keys());
        engine.close();
    }

    @Test
    void aSnapshotKeepsSeeingKeysEvictedAfterItBegan() {
        StorageEngine engine = TestStores.open("memory.limit", 10 * ENTRY_COST, "memory.policy", "evict-lru");
        for (int i = 0; i < 10; i++) {
            put(engine, String.format("cold.%05d", i), value(i));
        }
        try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
            for (int i = 10; i < 30; i++) {
                put(engine, String.format("cold.%05d", i), value(i));
            }
            assertNull(get(engine, "cold.00000"), "evicted for new transactions");
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(value(i), reader.get(bytes(String.format("cold.%05d", i))));
            }
            assertTrue(engine.metrics().memoryBytes() > 10 * ENTRY_COST, "versions held for the reader");
        }
        put(engine, "cold.00030", value(30));
        assertTrue(engine.metrics().memoryBytes() <= 10 * ENTRY_COST, "released once the reader closed");
        engine.close();
    }
}
