package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * The scan cursor's walk without an {@link Entry} per key ({@link EntryCursor#nextRaw}) hands out exactly what
 * {@code next()} returns, in the same order, on every engine: the same keys and values (the value as a range of the
 * stored record), expired keys skipped, prefix, pattern and limit applied, the metadata accessors answering for the
 * entry handed out, and the two walks mixed.
 */
class CursorNextRawTest extends ClockedStores {

    private ManagedStore filled(Engines engine) {
        ManagedStore store = openNamed(engine, "raw");
        store.put("plain", b("p"));
        store.put("gone", b("expires first"), PutOptions.ttl(Duration.ofSeconds(1)));
        store.put("ttl", b("t"), PutOptions.ttl(Duration.ofMinutes(5)));
        store.put("tagged", b("g"), PutOptions.tags("red", "blüe"));
        store.put("both", b("b"), PutOptions.ttl(Duration.ofSeconds(30)).withTags("x"));
        store.put("empty", new byte[0]);
        store.put("clé-ü-日本語", b("n"), PutOptions.tags("ß"));
        store.put("emoji-\uD83D\uDE00-\uD834\uDD1E", b("s"), PutOptions.ttl(Duration.ofHours(1)));
        for (int i = 0; i < 40; i++) {
            store.put(String.format("row-%03d", i), repeat(i)); // row-000 empty
        }
        clock.advance(Duration.ofSeconds(2)); // "gone" has expired
        return store;
    }

    private static byte[] repeat(int i) {
        byte[] value = new byte[i * 7];
        Arrays.fill(value, (byte) i);
        return value;
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An entry as nextRaw handed it out, with what the cursor's accessors said during the call. */
    private record Seen(String key, byte[] value, long expiresAt, Object tags, KeyMetadata metadata) {
    }

    private static List<Seen> walkRaw(EntryCursor cursor) {
        List<Seen> seen = new ArrayList<>();
        while (cursor.nextRaw((key, value, offset, length) -> {
            assertTrue(cursor.hasLiveMetadata());
            seen.add(new Seen(new String(key, StandardCharsets.UTF_8), Arrays.copyOfRange(value, offset, offset + length),
                    cursor.expiresAtMillis(), cursor.tags(), cursor.metadata().orElseThrow()));
        })) {
            assertTrue(cursor.hasLiveMetadata(), "still carried after the call, until the cursor moves on");
        }
        return seen;
    }

    private static List<Seen> walkNext(EntryCursor cursor) {
        List<Seen> seen = new ArrayList<>();
        while (cursor.hasNext()) {
            Entry entry = cursor.next();
            KeyMetadata metadata = cursor.metadata().orElseThrow();
            seen.add(new Seen(entry.key(), entry.value(), cursor.expiresAtMillis(), cursor.tags(), metadata));
        }
        return seen;
    }

    private static void assertSame(List<Seen> expected, List<Seen> actual) {
        assertEquals(expected.stream().map(Seen::key).toList(), actual.stream().map(Seen::key).toList());
        for (int i = 0; i < expected.size(); i++) {
            Seen e = expected.get(i);
            Seen a = actual.get(i);
            assertArrayEquals(e.value(), a.value(), "value of " + e.key());
            assertEquals(e.expiresAt(), a.expiresAt(), "expiry of " + e.key());
            assertEquals(e.tags(), a.tags(), "tags of " + e.key());
            assertEquals(e.metadata(), a.metadata(), "metadata of " + e.key());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void handsOutWhatNextReturns(Engines engine) {
        ManagedStore store = filled(engine);
        for (Scan scan : List.of(Scan.all(), Scan.all().reverse(), Scan.prefix("row-01"),
                Scan.pattern("*-0?5"), Scan.all().limit(5),
                Scan.range("e", "s"))) {
            List<Seen> expected;
            try (EntryCursor cursor = store.scan(scan)) {
                expected = walkNext(cursor);
            }
            try (Transaction snapshot = store.begin(TransactionMode.READ_ONLY);
                 EntryCursor cursor = snapshot.scan(scan)) {
                assertSame(expected, walkRaw(cursor));
                assertFalse(cursor.hasNext(), "exhausted");
            }
        }
        try (EntryCursor cursor = store.scan(Scan.all())) {
            List<String> keys = walkRaw(cursor).stream().map(Seen::key).toList();
            assertFalse(keys.contains("gone"), "an expired key is skipped");
            assertTrue(keys.contains("empty"), "an empty value is an entry");
            assertEquals(47, keys.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strata.core.internal.Engines#all")
    void mixesWithHasNextAndNext(Engines engine) {
        ManagedStore store = filled(engine);
        List<Seen> expected;
        try (EntryCursor cursor = store.scan(Scan.all())) {
            expected = walkNext(cursor);
        }
        List<Seen> mixed = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.all())) {
            int i = 0;
            while (true) {
                if (i % 3 == 0) {
                    if (!cursor.hasNext()) {
                        break;
                    }
                    if (i % 2 == 0) { // looked ahead: nextRaw hands out that entry
                        List<Seen> one = new ArrayList<>();
                        cursor.nextRaw((key, value, offset, length) -> one.add(new Seen(
                                new String(key, StandardCharsets.UTF_8), Arrays.copyOfRange(value, offset,
                                offset + length), cursor.expiresAtMillis(), cursor.tags(),
                                cursor.metadata().orElseThrow())));
                        mixed.addAll(one);
                    } else {
                        Entry entry = cursor.next();
                        mixed.add(new Seen(entry.key(), entry.value(), cursor.expiresAtMillis(), cursor.tags(),
                                cursor.metadata().orElseThrow()));
                    }
                } else {
                    List<Seen> one = walkOne(cursor);
                    if (one.isEmpty()) {
                        break;
                    }
                    mixed.addAll(one);
                }
                i++;
            }
        }
        assertSame(expected, mixed);
    }

    private static List<Seen> walkOne(EntryCursor cursor) {
        List<Seen> one = new ArrayList<>();
        cursor.nextRaw((key, value, offset, length) -> one.add(new Seen(new String(key, StandardCharsets.UTF_8),
                Arrays.copyOfRange(value, offset, offset + length), cursor.expiresAtMillis(), cursor.tags(),
                cursor.metadata().orElseThrow())));
        return one;
    }
}
