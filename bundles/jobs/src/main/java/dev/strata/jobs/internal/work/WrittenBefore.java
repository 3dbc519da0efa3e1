package dev.strata.jobs.internal.work;

import java.time.Instant;
import java.util.NoSuchElementException;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ReadOperations;

/**
 * An archive's selection by write time: the entries of a cursor whose key was last written before an instant, as the
 * store's key metadata says ({@link dev.strata.api.KeyMetadata#updatedAt()}), read in the same snapshot as the
 * cursor. Closing it closes the cursor.
 */
final class WrittenBefore implements EntryCursor {

    private final EntryCursor cursor;
    private final ReadOperations snapshot;
    private final Instant before;
    private Entry next;

    WrittenBefore(EntryCursor cursor, ReadOperations snapshot, Instant before) {
        this.cursor = cursor;
        this.snapshot = snapshot;
        this.before = before;
    }

    /** The cursor itself when there is no cutoff. */
    static EntryCursor select(EntryCursor cursor, ReadOperations snapshot, String updatedBefore) {
        return updatedBefore.isEmpty() ? cursor : new WrittenBefore(cursor, snapshot, Instant.parse(updatedBefore));
    }

    @Override
    public boolean hasNext() {
        while (next == null && cursor.hasNext()) {
            Entry candidate = cursor.next();
            if (snapshot.metadata(candidate.key()).map(m -> m.updatedAt().isBefore(before)).orElse(false)) {
                next = candidate;
            }
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry entry = next;
        next = null;
        return entry;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
