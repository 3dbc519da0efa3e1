package dev.strata.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The 1.3 defaults of {@link EntryCursor} for a cursor that implements only {@code next()} and {@code metadata()}:
 * they answer what {@link Entry#key()} and {@link EntryCursor#metadata()} say, and refuse when there is no metadata.
 */
class EntryCursorDefaultsTest {

    /** A cursor of one fixed metadata per entry (or none), as a third-party implementation might be. */
    private static EntryCursor over(List<Entry> entries, Optional<KeyMetadata> metadata) {
        Iterator<Entry> it = entries.iterator();
        return new EntryCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                return it.next();
            }

            @Override
            public Optional<KeyMetadata> metadata() {
                return metadata;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void defaultsAgreeWithKeyAndMetadata() {
        KeyMetadata withAll = new KeyMetadata(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000),
                Instant.ofEpochMilli(9_000), Set.of("a", "ß"), 3, 1);
        List<Entry> entries = List.of(new Entry("ascii", new byte[1]), new Entry("clé-日本", new byte[1]),
                new Entry("pair-\uD83D\uDE00", new byte[1]));
        try (EntryCursor cursor = over(entries, Optional.of(withAll))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                assertArrayEquals(entry.key().getBytes(StandardCharsets.UTF_8), cursor.keyBytes(entry));
                assertTrue(cursor.hasLiveMetadata());
                assertEquals(9_000, cursor.expiresAtMillis());
                assertEquals(1_000, cursor.createdAtMillis());
                assertEquals(2_000, cursor.updatedAtMillis());
                assertEquals(3, cursor.version());
                assertEquals(Set.of("a", "ß"), cursor.tags());
            }
        }
        KeyMetadata forever = new KeyMetadata(Instant.ofEpochMilli(5), Instant.ofEpochMilli(5), null, null, 1, 0);
        try (EntryCursor cursor = over(entries, Optional.of(forever))) {
            cursor.next();
            assertEquals(0, cursor.expiresAtMillis(), "0 for a key that never expires");
            assertEquals(Set.of(), cursor.tags());
        }
    }

    @Test
    void aCursorWithoutMetadataSaysSoAndRefusesTheFigures() {
        try (EntryCursor cursor = over(List.of(new Entry("k", new byte[0])), Optional.empty())) {
            Entry entry = cursor.next();
            assertFalse(cursor.hasLiveMetadata());
            assertArrayEquals(new byte[] {'k'}, cursor.keyBytes(entry));
            assertThrows(IllegalStateException.class, cursor::expiresAtMillis);
            assertThrows(IllegalStateException.class, cursor::createdAtMillis);
            assertThrows(IllegalStateException.class, cursor::updatedAtMillis);
            assertThrows(IllegalStateException.class, cursor::version);
            assertThrows(IllegalStateException.class, cursor::tags);
        }
    }
}
