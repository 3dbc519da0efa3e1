package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedStoreTest {

    @TempDir
    Path dir;
    ManagedStore store;

    @BeforeEach
    void open() {
        store = MemoryStores.online(dir);
    }

    @AfterEach
    void close() {
        store.detach("test over", 1_000);
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private List<String> keys(Scan scan) {
        List<String> keys = new ArrayList<>();
        try (EntryCursor cursor = store.scan(scan)) {
            cursor.forEachRemaining(entry -> keys.add(entry.key()));
        }
        return keys;
    }

    @Test
    void putGetDelete() {
        store.put("hello", b("world"));
        assertArrayEquals(b("world"), store.get("hello").orElseThrow());
        assertTrue(store.contains("hello"));
        assertTrue(store.delete("hello"));
        assertFalse(store.delete("hello"));
        assertTrue(store.get("hello").isEmpty());
    }

    @Test
    void batchOperations() {
        Map<String, byte[]> batch = new LinkedHashMap<>();
        batch.put("b", b("2"));
        batch.put("a", b("1"));
        batch.put("c", b("3"));
        store.putAll(batch);
        Map<String, byte[]> found = store.getAll(List.of("c", "missing", "a"));
        assertEquals(List.of("a", "c"), new ArrayList<>(found.keySet()), "absent keys left out, key order");
        assertArrayEquals(b("3"), found.get("c"));
    }

    @Test
    void scansByPrefixRangePatternBothWaysWithLimit() {
        for (String key : List.of("users.1", "users.2", "users.10", "usersX", "logs.2026-01-05", "logs.2026-11-21",
                "logs.2026-1-1", "logs.2025-11-21", "zeta")) {
            store.put(key, b("v"));
        }
        assertEquals(List.of("users.1", "users.10", "users.2"), keys(Scan.prefix("users.")));
        assertEquals(List.of("users.2", "users.10"), keys(Scan.prefix("users.").reverse().limit(2)));
        assertEquals(List.of("users.1", "users.10", "users.2", "usersX"), keys(Scan.range("u", "v")));
        assertEquals(List.of("logs.2026-01-05", "logs.2026-11-21"), keys(Scan.pattern("logs.2026-??-*")));
        assertEquals(List.of("users.1", "users.10", "users.2"), keys(Scan.pattern("users.*")));
        assertEquals(List.of("users.10"), keys(Scan.pattern("*.10")));
        assertEquals(9, keys(Scan.all()).size());
        assertEquals(List.of("zeta", "usersX"), keys(Scan.all().reverse().limit(2)));
        assertEquals(List.of(), keys(Scan.range("b", "b")));
        assertEquals(List.of("users.1"), keys(new Scan("users.", "users.0", "users.10", null, false, 0)));
    }

    @Test
    void scanStreamsAndClosesItsSnapshot() {
        for (int i = 0; i < 1_000; i++) {
            store.put(String.format("k%04d", i), b("v" + i));
        }
        try (EntryCursor cursor = store.scan(Scan.all())) {
            Entry first = cursor.next();
            assertEquals("k0000", first.key());
            store.put("k0000a", b("written after the scan began"));
            long rest = cursor.stream().count();
            assertEquals(999, rest, "the scan reads the snapshot taken when it began");
        }
        assertEquals(1_001, store.scan(Scan.all()).stream().count());
    }

    @Test
    void badInputIsRefusedWithTypedErrorsAndChangesNothing() {
        store.put("keep", b("v"));
        assertThrows(InvalidArgumentException.class, () -> store.put(null, b("v")));
        assertThrows(InvalidArgumentException.class, () -> store.put("", b("v")));
        assertThrows(InvalidArgumentException.class, () -> store.put("x".repeat(Store.MAX_KEY_BYTES + 1), b("v")));
        assertThrows(InvalidArgumentException.class, () -> store.put("\uD800alone", b("v")));
        assertThrows(InvalidArgumentException.class, () -> store.put("k", null));
        assertThrows(InvalidArgumentException.class, () -> store.get(""));
        assertThrows(InvalidArgumentException.class, () -> store.delete(null));
        assertThrows(InvalidArgumentException.class, () -> store.scan(null));
        assertThrows(InvalidArgumentException.class, () -> store.scan(Scan.pattern("bad\\")));
        Map<String, byte[]> mixed = new LinkedHashMap<>();
        mixed.put("good", b("1"));
        mixed.put("", b("2"));
        assertThrows(InvalidArgumentException.class, () -> store.putAll(mixed));
        Map<String, byte[]> tooBig = new LinkedHashMap<>();
        tooBig.put("good", b("1"));
        tooBig.put("big", new byte[Store.MAX_VALUE_BYTES + 1]);
        assertThrows(QuotaExceededException.class, () -> store.putAll(tooBig));
        assertEquals(List.of("keep"), keys(Scan.all()), "nothing was written by any refused call");
        store.put("x".repeat(Store.MAX_KEY_BYTES), b("the longest key fits"));
        store.put("\uD83D\uDE00", b("a paired surrogate is fine"));
    }

    @Test
    void explicitTransactionsCommitAndRollBack() {
        try (Transaction tx = store.begin()) {
            tx.put("a", b("1"));
            tx.put("b", b("2"));
            assertTrue(store.get("a").isEmpty(), "not visible before commit");
            tx.commit();
            assertFalse(tx.isOpen());
        }
        try (Transaction tx = store.begin()) {
            tx.delete("a");
            tx.put("c", b("3"));
            tx.rollback();
        }
        try (Transaction tx = store.begin()) {
            tx.put("d", b("4"));
        }
        assertEquals(List.of("a", "b"), keys(Scan.all()));
    }

    @Test
    void readOnlyTransactionsRefuseWrites() {
        store.put("a", b("1"));
        try (Transaction tx = store.begin(TransactionMode.READ_ONLY)) {
            assertThrows(ReadOnlyException.class, () -> tx.put("a", b("2")));
            assertThrows(ReadOnlyException.class, () -> tx.delete("a"));
            assertArrayEquals(b("1"), tx.get("a").orElseThrow());
        }
        assertThrows(ReadOnlyException.class, () -> store.read(tx -> {
            tx.put("b", b("x"));
            return null;
        }));
        assertEquals(List.of("a"), keys(Scan.all()));
    }

    @Test
    void aFinishedTransactionRefusesUse() {
        Transaction tx = store.begin();
        tx.commit();
        assertThrows(IllegalStateException.class, () -> tx.put("a", b("1")));
        assertThrows(IllegalStateException.class, tx::commit);
        tx.rollback();
    }

    @Test
    void transactionWorkThatThrowsRollsBack() {
        assertThrows(IllegalArgumentException.class, () -> store.inTransaction(tx -> {
            tx.put("partial", b("x"));
            throw new IllegalArgumentException("application error");
        }));
        assertTrue(store.get("partial").isEmpty());
    }
}
