package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.PutOptions;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scan cursor's allocation-free reads of the entry last returned ({@link EntryCursor#keyBytes},
 * {@link EntryCursor#hasLiveMetadata} and the primitive metadata accessors) agree with {@link Entry#key()} and
 * {@link EntryCursor#metadata()} for every kind of key, on every engine, and stop answering once the cursor moved on.
 */
class CursorRecordTest extends ClockedStores {

    private ManagedStore open(Engines engine) {
        return openNamed(engine, "raw");
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Keys of every kind: plain, ttl, tags, both, overwritten, non-ASCII, with surrogate pairs. */
    private void fill(ManagedStore store) {
        store.put("plain", b("p"));
        store.put("ttl", b("t"), PutOptions.ttl(Duration.ofMinutes(5)));
        store.put("tagged", b("g"), PutOptions.tags("red", "blüe"));
        store.put("both", b("b"), PutOptions.ttl(Duration.ofSeconds(30)).withTags("x"));
        clock.advance(Duration.ofSeconds(2));
        store.put("plain", b("p2")); // version 2, created before updated
        store.put("clé-ü-日本語", b("n"), PutOptions.tags("ß"));
        store.put("emoji-\uD83D\uDE00-\uD834\uDD1E", b("s"), PutOptions.ttl(Duration.ofHours(1)));
        store.put("forever", b("f"), PutOptions.forever());
    }

    private static void assertAgrees(EntryCursor cursor, Entry entry) {
        assertArrayEquals(b(entry.key()), cursor.keyBytes(entry), "key bytes of " + entry.key());
        KeyMetadata metadata = cursor.metadata().orElseThrow();
        assertTrue(cursor.hasLiveMetadata(), entry.key());
        assertEquals(metadata.expiresAt() == null ? 0 : metadata.expiresAt().toEpochMilli(), cursor.expiresAtMillis(),
                "expiry of " + entry.key());
        assertEquals(metadata.createdAt().toEpochMilli(), cursor.createdAtMillis(), "created " + entry.key());
        assertEquals(metadata.updatedAt().toEpochMilli(), cursor.updatedAtMillis(), "updated " + entry.key());
        assertEquals(metadata.version(), cursor.version(), "version of " + entry.key());
        assertEquals(metadata.tags(), cursor.tags(), "tags of " + entry.key());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void rawReadsAgreeWithKeyAndMetadataForEveryKindOfKey(Engines engine) {
        ManagedStore store = open(engine);
        fill(store);
        List<String> seen = new ArrayList<>();
        try (Transaction snapshot = store.begin(TransactionMode.READ_ONLY);
             EntryCursor cursor = snapshot.scan(Scan.all())) {
            assertThrows(IllegalStateException.class, cursor::hasLiveMetadata, "before the first next()");
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                assertAgrees(cursor, entry);
                seen.add(entry.key());
            }
        }
        assertEquals(List.of("both", "clé-ü-日本語", "emoji-\uD83D\uDE00-\uD834\uDD1E", "forever", "plain", "tagged",
                "ttl"), seen);
        try (EntryCursor cursor = store.scan(Scan.all().reverse())) {
            cursor.forEachRemaining(entry -> assertAgrees(cursor, entry));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void theFiguresAreTheStoredOnes(Engines engine) {
        ManagedStore store = open(engine);
        fill(store);
        try (EntryCursor cursor = store.scan(Scan.prefix("plain"))) {
            cursor.next();
            assertEquals(T0, cursor.createdAtMillis());
            assertEquals(T0 + 2_000, cursor.updatedAtMillis());
            assertEquals(2, cursor.version());
            assertEquals(0, cursor.expiresAtMillis());
            assertEquals(Set.of(), cursor.tags());
        }
        try (EntryCursor cursor = store.scan(Scan.prefix("both"))) {
            cursor.next();
            assertEquals(T0 + 30_000, cursor.expiresAtMillis());
            assertEquals(Set.of("x"), cursor.tags());
            assertEquals(1, cursor.version());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void aKeyThatExpiredAfterNextHasNoLiveMetadata(Engines engine) {
        ManagedStore store = open(engine);
        fill(store);
        try (EntryCursor cursor = store.scan(Scan.prefix("both"))) {
            Entry entry = cursor.next();
            assertTrue(cursor.hasLiveMetadata());
            clock.set(T0 + 30_000); // the instant it expires
            assertFalse(cursor.hasLiveMetadata(), "expired since next()");
            assertTrue(cursor.metadata().isEmpty(), "metadata() agrees");
            assertArrayEquals(b("both"), cursor.keyBytes(entry));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void onceTheCursorMovedOnNothingIsHandedOutFromAReusedArray(Engines engine) {
        ManagedStore store = open(engine);
        fill(store);
        try (EntryCursor cursor = store.scan(Scan.all())) {
            Entry first = cursor.next();
            byte[] carried = cursor.keyBytes(first);
            assertTrue(cursor.hasNext());
            assertFalse(cursor.hasLiveMetadata(), "the record is no longer carried");
            assertTrue(cursor.metadata().isEmpty());
            assertThrows(IllegalStateException.class, cursor::expiresAtMillis);
            assertThrows(IllegalStateException.class, cursor::tags);
            byte[] again = cursor.keyBytes(first);
            assertArrayEquals(b(first.key()), again, "encoded once the stored bytes are gone");
            assertNotSame(carried, again, "not the engine's array any more");
            Entry second = cursor.next();
            assertArrayEquals(b(second.key()), cursor.keyBytes(second));
            assertArrayEquals(b(first.key()), cursor.keyBytes(first), "another entry's key is encoded");
        }
    }
}
