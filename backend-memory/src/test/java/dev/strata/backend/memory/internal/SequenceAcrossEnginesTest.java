package dev.strata.backend.memory.internal;

import static dev.strata.backend.memory.internal.TestStores.bytes;
import static dev.strata.backend.memory.internal.TestStores.put;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/**
 * A memory store opened again has lost its data, so it must not number its states with sequences the store showed
 * before: one sequence is one state of a store ({@code Transaction.snapshotSequence()}), and layers cache by it.
 */
class SequenceAcrossEnginesTest {

    @Test
    void anEngineOpenedAgainNumbersAboveEverySequenceItsPredecessorShowed() {
        long last;
        try (StorageEngine first = TestStores.open()) {
            put(first, "a", bytes("1"));
            put(first, "b", bytes("2"));
            last = snapshot(first);
        }
        try (StorageEngine again = TestStores.open()) {
            long start = snapshot(again);
            assertTrue(start > last, "the new engine's empty state is numbered " + start + ", not above " + last
                    + ", a sequence its predecessor showed with keys in it");
            assertNull(read(again, "a"), "the data is gone");
            put(again, "c", bytes("3"));
            assertTrue(snapshot(again) > last, "its first commit is numbered above every earlier one");
        }
    }

    @Test
    void anEngineOpenedBeforeItsPredecessorClosesStartsAboveIt() {
        try (StorageEngine old = TestStores.open()) {
            put(old, "a", bytes("1"));
            long shown = snapshot(old);
            try (StorageEngine replacement = TestStores.open()) {
                assertTrue(snapshot(replacement) > shown, "an engine opened while another is open starts above what"
                        + " that one published");
            }
        }
    }

    private static long snapshot(StorageEngine engine) {
        try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
            return reader.snapshotSequence();
        }
    }

    private static byte[] read(StorageEngine engine, String key) {
        try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
            return reader.get(bytes(key));
        }
    }
}
