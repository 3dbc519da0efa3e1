package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static dev.strata.backend.xodus.internal.XodusTestStores.rawUpdate;
import static dev.strata.backend.xodus.internal.XodusTestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3's commit sequence under the empty key of the store of all keys: it keeps counting across reopens, no
 * cursor, count or walk shows it, and a format 2 store (sequence in {@code strata.meta}) opens, keeps its count and
 * is moved to format 3; a format the engine does not know is refused before anything is written.
 */
class CommitSequenceTest {

    @TempDir
    Path directory;

    @Test
    void theSequenceKeepsGrowingAcrossReopens() {
        Path store = directory.resolve("s");
        long last = 0;
        for (int open = 0; open < 3; open++) {
            try (StorageEngine engine = new XodusBackend().open(config(store))) {
                try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
                    assertEquals(last, reader.snapshotSequence(), "reopen " + open + " resumes at the last commit");
                }
                for (int i = 0; i < 3; i++) {
                    long sequence = commit(engine, "k" + open + i, "v");
                    assertEquals(last + 1, sequence, "one more per commit");
                    last = sequence;
                }
            }
        }
        assertEquals(9, last);
    }

    @Test
    void noCursorCountOrWalkShowsTheSequence() {
        try (StorageEngine engine = new XodusBackend().open(config(directory.resolve("s")))) {
            assertEquals(List.of(), keys(engine, false), "an empty store scans empty");
            assertEquals(0, engine.metrics().keys());
            commit(engine, "a", "1");
            commit(engine, "ab", "2");
            commit(engine, "b", "3");
            assertEquals(List.of("a", "ab", "b"), keys(engine, false));
            assertEquals(List.of("b", "ab", "a"), keys(engine, true));
            assertEquals(3, engine.metrics().keys());
            var verified = engine.verify();
            assertEquals(3, verified.keys(), "a walk counts user keys only");
            assertEquals(List.of(), verified.problems());
        }
    }

    @Test
    void aFormatTwoStoreOpensKeepsItsSequenceAndMovesToFormatThree() {
        Path store = directory.resolve("old");
        try (StorageEngine engine = new XodusBackend().open(config(store))) {
            commit(engine, "k", "kept");
        }
        rawUpdate(store, (environment, txn) -> { // as format 2 wrote it: the sequence in strata.meta, no empty key
            Store keys = environment.openStore(XodusEngine.KEY_STORE, StoreConfig.USE_EXISTING, txn);
            assertTrue(keys.delete(txn, new ArrayByteIterable(new byte[0])));
            StoreMeta meta = new StoreMeta(environment.openStore(StoreMeta.NAME, StoreConfig.USE_EXISTING, txn),
                    "test", store.toString());
            meta.putLong(txn, StoreMeta.SEQUENCE, 41);
            meta.putLong(txn, StoreMeta.FORMAT_ENTRY, StoreMeta.FORMAT_2);
        });
        try (StorageEngine engine = new XodusBackend().open(config(store))) {
            assertEquals("kept", get(engine, "k"));
            assertEquals(42, commit(engine, "n", "new"), "the format 2 store's count goes on");
            assertEquals(2, engine.metrics().keys());
        }
        rawUpdate(store, (environment, txn) -> {
            StoreMeta meta = new StoreMeta(environment.openStore(StoreMeta.NAME, StoreConfig.USE_EXISTING, txn),
                    "test", store.toString());
            assertEquals(StoreMeta.FORMAT, meta.getInt(txn, StoreMeta.FORMAT_ENTRY));
            assertNull(environment.openStore(StoreMeta.NAME, StoreConfig.USE_EXISTING, txn)
                    .get(txn, new ArrayByteIterable(StoreMeta.SEQUENCE.getBytes(StandardCharsets.US_ASCII))),
                    "the old entry is gone");
            assertNotNull(environment.openStore(XodusEngine.KEY_STORE, StoreConfig.USE_EXISTING, txn)
                    .get(txn, new ArrayByteIterable(new byte[0])));
        });
        try (StorageEngine engine = new XodusBackend().open(config(store))) {
            assertEquals(43, commit(engine, "m", "again"));
        }
    }

    @Test
    void aFormatItDoesNotKnowIsRefusedClearly() {
        Path store = directory.resolve("future");
        try (StorageEngine engine = new XodusBackend().open(config(store))) {
            commit(engine, "k", "v");
        }
        rawUpdate(store, (environment, txn) -> new StoreMeta(environment.openStore(StoreMeta.NAME,
                StoreConfig.USE_EXISTING, txn), "test", store.toString()).putLong(txn, StoreMeta.FORMAT_ENTRY, 4));
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> new XodusBackend().open(config(store)));
        assertTrue(refused.getMessage().contains("format 4"), refused.getMessage());
    }

    private static long commit(StorageEngine engine, String key, String value) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), bytes(value));
            return tx.commit();
        }
    }

    private static List<String> keys(StorageEngine engine, boolean reverse) {
        List<String> found = new ArrayList<>();
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY);
                EngineCursor cursor = tx.cursor(KeyRange.ALL, reverse)) {
            while (cursor.next()) {
                found.add(text(cursor.key()));
            }
        }
        return found;
    }
}
