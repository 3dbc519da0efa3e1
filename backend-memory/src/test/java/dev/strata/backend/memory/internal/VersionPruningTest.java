package dev.strata.backend.memory.internal;

import static dev.strata.backend.memory.internal.TestStores.bytes;
import static dev.strata.backend.memory.internal.TestStores.extra;
import static dev.strata.backend.memory.internal.TestStores.get;
import static dev.strata.backend.memory.internal.TestStores.put;
import static dev.strata.backend.memory.internal.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/** Old versions go once no snapshot needs them, and not a moment earlier. */
class VersionPruningTest {

    @Test
    void overwritingOneKeyDoesNotGrowMemory() {
        StorageEngine engine = TestStores.open();
        put(engine, "counter", "0000000");
        long oneVersion = engine.metrics().memoryBytes();
        for (int i = 1; i <= 100_000; i++) {
            put(engine, "counter", String.format("%07d", i));
        }
        assertEquals("0100000", text(get(engine, "counter")));
        assertEquals(oneVersion, engine.metrics().memoryBytes());
        assertEquals(1, extra(engine, "versions"));
        assertEquals(100_000, extra(engine, "versionsPruned"));
        engine.close();
    }

    @Test
    void deletedKeysLeaveNoTrace() {
        StorageEngine engine = TestStores.open();
        for (int i = 0; i < 1000; i++) {
            put(engine, "k" + i, "v");
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 1000; i++) {
                tx.delete(bytes("k" + i));
            }
            tx.commit();
        }
        assertEquals(0, engine.metrics().keys());
        assertEquals(0, engine.metrics().memoryBytes());
        assertEquals(0, extra(engine, "versions"));
        engine.close();
    }

    @Test
    void aReadersSnapshotStaysStableWhileItsVersionsWouldOtherwiseBePruned() {
        StorageEngine engine = TestStores.open();
        put(engine, "a", "a0");
        put(engine, "b", "b0");
        put(engine, "gone", "here");
        try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
            for (int i = 1; i <= 1000; i++) {
                put(engine, "a", "a" + i);
                put(engine, "b", "b" + i);
            }
            TestStores.delete(engine, "gone");
            engine.compact();
            assertEquals("a0", text(reader.get(bytes("a"))));
            assertEquals("b0", text(reader.get(bytes("b"))));
            assertEquals("here", text(reader.get(bytes("gone"))));
            List<String> seen = new ArrayList<>();
            try (EngineCursor cursor = reader.cursor(KeyRange.ALL, false)) {
                while (cursor.next()) {
                    seen.add(text(cursor.key()) + "=" + text(cursor.value()));
                }
            }
            assertEquals(List.of("a=a0", "b=b0", "gone=here"), seen);
            assertTrue(extra(engine, "versions") > 2, "versions kept for the reader");
            assertNull(get(engine, "gone"));
        }
        // the reader was the last of its epoch: closing it prunes, without waiting for another commit
        assertEquals(2, extra(engine, "versions"));
        assertEquals(2, engine.metrics().keys());
        assertEquals("a1000", text(get(engine, "a")));
        engine.close();
    }

    @Test
    void onlyTheVersionsAReaderNeedsAreKept() {
        StorageEngine engine = TestStores.open();
        put(engine, "k", "v0");
        EngineTransaction early = engine.begin(TransactionMode.READ_ONLY);
        for (int i = 1; i <= 100; i++) {
            put(engine, "k", "v" + i);
        }
        EngineTransaction late = engine.begin(TransactionMode.READ_ONLY);
        for (int i = 101; i <= 200; i++) {
            put(engine, "k", "v" + i);
        }
        early.close();
        put(engine, "k", "v201");
        assertEquals("v100", text(late.get(bytes("k"))));
        long versions = extra(engine, "versions");
        assertTrue(versions <= 102, "versions between the two readers are gone: " + versions);
        late.close();
        engine.compact();
        assertEquals(1, extra(engine, "versions"));
        engine.close();
    }
}
