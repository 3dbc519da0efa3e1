package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyMetadata;
import dev.strata.api.PutOptions;
import dev.strata.api.Savepoint;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time to live and key metadata on every engine, with a clock moved by hand: expired keys are invisible to every read
 * path at the instant they expire (before any purge), the purge removes them and their index entries, and neither a
 * rollback nor a restart brings one back.
 */
class ExpiryTest extends ClockedStores {

    private ManagedStore open(Engines engine, Object... settings) {
        return openNamed(engine, "ttl", settings);
    }

    private void reopen(Engines engine, ManagedStore store) {
        store.detach("restart", 5_000);
        opened.remove(store);
    }

    static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(dev.strata.api.ReadOperations reads, Scan scan) {
        List<String> keys = new ArrayList<>();
        try (EntryCursor cursor = reads.scan(scan)) {
            cursor.forEachRemaining(entry -> keys.add(entry.key()));
        }
        return keys;
    }

    /** Every read path's view of one key, from the store and from a transaction. */
    private static void assertInvisible(Store store, String key) {
        assertEquals(Optional.empty(), store.get(key), "get " + key);
        assertFalse(store.contains(key), "contains " + key);
        assertFalse(store.getAll(List.of(key)).containsKey(key), "getAll " + key);
        assertEquals(Optional.empty(), store.metadata(key), "metadata " + key);
        for (Scan scan : List.of(Scan.all(), Scan.prefix(key), Scan.all().reverse(), Scan.range(key, key + "~"),
                Scan.pattern(key.substring(0, 1) + "*"), Scan.all().limit(1000))) {
            assertFalse(keys(store, scan).contains(key), "scan " + scan + " " + key);
        }
        store.read(tx -> {
            assertEquals(Optional.empty(), tx.get(key), "tx get " + key);
            assertFalse(tx.getAll(List.of(key)).containsKey(key), "tx getAll " + key);
            assertEquals(Optional.empty(), tx.metadata(key), "tx metadata " + key);
            assertFalse(keys(tx, Scan.all()).contains(key), "tx scan " + key);
            assertFalse(keys(tx, Scan.all().reverse()).contains(key), "tx reverse scan " + key);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void anExpiredKeyIsInvisibleToEveryReadAtTheInstantItExpires(Engines engine) {
        ManagedStore store = open(engine);
        store.put("a.session", b("token"), Duration.ofSeconds(30));
        store.put("a.user", b("ada"));
        store.put("b.short", b("x"), Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(499));
        assertEquals("x", new String(store.get("b.short").orElseThrow(), StandardCharsets.UTF_8));
        clock.advance(Duration.ofMillis(1));
        assertInvisible(store, "b.short");
        assertTrue(store.get("a.session").isPresent());
        clock.advance(Duration.ofMillis(29_499));
        assertTrue(store.contains("a.session"), "1 ms before its expiry");
        clock.advance(Duration.ofMillis(1));
        assertInvisible(store, "a.session");
        assertEquals(List.of("a.user"), keys(store, Scan.all()));
        assertEquals(List.of("a.user"), keys(store, Scan.prefix("a.").limit(1)), "the limit counts live keys only");
        assertEquals(Map.of("a.user", "ada"), texts(store.getAll(List.of("a.session", "a.user", "b.short"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void theStoreDefaultTtlAppliesToPutsThatNameNone(Engines engine) {
        ManagedStore store = open(engine, "ttl.default", "10s");
        store.put("defaulted", b("1"));
        store.putAll(Map.of("batch", b("2")));
        store.put("own", b("3"), Duration.ofMinutes(1));
        store.put("forever", b("4"), PutOptions.forever());
        assertEquals(Instant.ofEpochMilli(T0 + 10_000), store.metadata("defaulted").orElseThrow().expiresAt());
        clock.advance(Duration.ofSeconds(10));
        assertInvisible(store, "defaulted");
        assertInvisible(store, "batch");
        assertEquals(List.of("forever", "own"), keys(store, Scan.all()));
        clock.advance(Duration.ofDays(365));
        assertEquals(List.of("forever"), keys(store, Scan.all()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void metadataKeepsCreationAcrossOverwritesAndCountsVersions(Engines engine) {
        ManagedStore store = open(engine);
        store.put("k", b("one"), PutOptions.tags("blue", "cold"));
        KeyMetadata first = store.metadata("k").orElseThrow();
        assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0), null,
                Set.of("blue", "cold"), 1, 3), first);
        clock.advance(Duration.ofSeconds(5));
        store.put("k", b("three"), PutOptions.ttl(Duration.ofSeconds(60)));
        KeyMetadata second = store.metadata("k").orElseThrow();
        assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 5_000),
                Instant.ofEpochMilli(T0 + 65_000), Set.of(), 2, 5), second, "a put replaces ttl and tags");
        clock.advance(Duration.ofSeconds(60));
        store.put("k", b("again"));
        assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0 + 65_000), Instant.ofEpochMilli(T0 + 65_000), null,
                Set.of(), 1, 5), store.metadata("k").orElseThrow(), "a put after expiry creates the key anew");
        assertTrue(store.delete("k"));
        assertEquals(Optional.empty(), store.metadata("k"));
        assertThrows(InvalidArgumentException.class, () -> store.put("k", b("v"), Duration.ZERO));
        assertThrows(InvalidArgumentException.class, () -> store.put("k", b("v"), PutOptions.tags("")));
        assertEquals(Optional.empty(), store.get("k"), "refused input changed nothing");
    }

    /**
     * A batch sends new records and learns from the engine which keys were there (putAllIfAbsent): those must still
     * keep their creation time, count on from their version and lose their old expiry and tag index entries.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void aBatchKeepsCreationAndVersionsOfPresentKeysAndDropsTheirIndexEntries(Engines engine) {
        ManagedStore store = open(engine);
        store.put("tagged", b("one"), PutOptions.tags("blue"));
        store.put("expiring", b("one"), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(5));
        store.putAll(Map.of("tagged", b("two"), "expiring", b("two"), "fresh", b("new")));
        assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 5_000), null, Set.of(), 2, 3),
                store.metadata("tagged").orElseThrow());
        assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 5_000), null, Set.of(), 2, 3),
                store.metadata("expiring").orElseThrow());
        assertEquals(new KeyMetadata(Instant.ofEpochMilli(T0 + 5_000), Instant.ofEpochMilli(T0 + 5_000), null,
                Set.of(), 1, 3), store.metadata("fresh").orElseThrow());
        assertEquals(0, indexEntries(store), "the overwritten key's expiry entry is gone");
        assertEquals(0, tagEntries(store, "blue"), "and the tag it no longer has");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of("expiring", "fresh", "tagged"), keys(store, Scan.all()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void thePurgeRemovesExpiredKeysAndTheirIndexEntriesOnly(Engines engine) {
        ManagedStore store = open(engine);
        for (int i = 0; i < 700; i++) {
            store.put("gone." + i, b("v"), Duration.ofSeconds(1));
        }
        store.put("renewed", b("old"), Duration.ofSeconds(1));
        store.put("renewed", b("new"), Duration.ofHours(1)); // its first index entry is removed with the overwrite
        store.put("made.permanent", b("v"), Duration.ofSeconds(1));
        store.put("made.permanent", b("v"));
        store.put("later", b("v"), Duration.ofHours(2));
        assertEquals(702, indexEntries(store), "one entry per key with a ttl");
        assertTrue(store.purgeDue(), "a store just opened looks once");
        assertEquals(0, store.purgeExpired(60_000), "nothing has expired yet");
        assertFalse(store.purgeDue(), "and now knows its next expiry");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(store.purgeDue());
        assertEquals(700, store.purgeExpired(60_000));
        assertEquals(List.of("later", "made.permanent", "renewed"), keys(store, Scan.all()));
        assertEquals(2, indexEntries(store));
        assertEquals(700L, store.metrics().extra().get("ttl.purged"));
        assertEquals(0L, store.metrics().extra().get("ttl.pending"));
        long keys = store.metrics().keys();
        assertTrue(keys == -1 || keys == 5, "untracked, or the 2 index entries left beside 3 keys: " + keys);
        assertFalse(store.purgeDue(), "the next expiry is an hour away");
        clock.advance(Duration.ofHours(2));
        assertEquals(2, store.purgeExpired(60_000));
        assertEquals(List.of("made.permanent"), keys(store, Scan.all()));
        assertEquals(0, indexEntries(store));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void aRollbackNeverBringsAnExpiredKeyBack(Engines engine) {
        ManagedStore store = open(engine);
        store.put("k", b("old"), Duration.ofSeconds(1));
        try (Transaction tx = store.begin()) {
            Savepoint savepoint = tx.setSavepoint();
            tx.put("k", b("new"));
            clock.advance(Duration.ofSeconds(1));
            assertEquals("new", new String(tx.get("k").orElseThrow(), StandardCharsets.UTF_8));
            tx.rollbackTo(savepoint);
            assertEquals(Optional.empty(), tx.get("k"), "the savepoint's version of k has expired");
            tx.put("k", b("newer"));
        } // rolled back
        assertInvisible(store, "k");
        try (Transaction tx = store.begin()) {
            assertFalse(tx.delete("k"), "an expired key is absent for delete too");
        }
        assertEquals(1, store.purgeExpired(60_000), "the index entry survived both rollbacks");
        assertInvisible(store, "k");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#persistentOnes")
    void aRestartNeverBringsAnExpiredKeyBack(Engines engine) {
        ManagedStore store = open(engine);
        store.put("purged", b("v"), Duration.ofSeconds(1));
        store.put("unpurged", b("v"), Duration.ofSeconds(2));
        store.put("kept", b("v"), Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, store.purgeExpired(60_000));
        clock.advance(Duration.ofSeconds(1));
        reopen(engine, store);
        ManagedStore again = open(engine);
        assertInvisible(again, "purged");
        assertInvisible(again, "unpurged");
        assertEquals(List.of("kept"), keys(again, Scan.all()));
        assertEquals(Instant.ofEpochMilli(T0 + 3_600_000), again.metadata("kept").orElseThrow().expiresAt());
        assertEquals(1, again.purgeExpired(60_000), "the index outlived the restart");
    }

    private static Map<String, String> texts(Map<String, byte[]> values) {
        Map<String, String> texts = new java.util.TreeMap<>();
        values.forEach((key, value) -> texts.put(key, new String(value, StandardCharsets.UTF_8)));
        return texts;
    }

    /** Entries of one tag's index, read from the engine below core. */
    static int tagEntries(ManagedStore store, String tag) {
        try (EngineTransaction tx = store.engine().orElseThrow().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(CoreKeys.tagged(tag), false)) {
            int count = 0;
            while (cursor.next()) {
                count++;
            }
            return count;
        }
    }

    /** Entries of the expiry index, read from the engine below core. */
    static int indexEntries(ManagedStore store) {
        try (EngineTransaction tx = store.engine().orElseThrow().begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(CoreKeys.expiredBy(Long.MAX_VALUE - 1), false)) {
            int count = 0;
            while (cursor.next()) {
                count++;
            }
            return count;
        }
    }
}
