package dev.strata.api.spi.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.KeyRange;

/**
 * What a serializable transaction has read: single keys (found or not) and key ranges (the part a cursor actually
 * covered, empty results included), as FoundationDB's read-conflict ranges. At commit the engine hands it to
 * {@link ConflictTracker#checkReads}: when a transaction that committed after this one's snapshot wrote a key in
 * here, this one's reads are stale and it must not commit. A read that absence answered counts as much as one that
 * found a value: that is what catches phantoms.
 * <p>
 * A cursor is recorded through {@link #recording}: as it moves, the range it has covered grows, from the range's
 * start to the key it stands on; once exhausted, the whole range counts. A cursor closed early leaves only what it
 * covered, so a transaction that reads the first entry of a huge range conflicts only with writes up to it.
 * Not thread-safe.
 */
public final class ReadSet {

    private final NavigableSet<byte[]> keys = new TreeSet<>(ByteKeys.ORDER);
    private final List<KeyRange> ranges = new ArrayList<>();
    private final List<RecordingCursor> cursors = new ArrayList<>();

    /** Records a read of one key (copied). */
    public void recordKey(byte[] key) {
        keys.add(key.clone());
    }

    /** Records that the transaction depends on every key of the range (present or absent). */
    public void recordRange(KeyRange range) {
        ranges.add(range);
    }

    /** Wraps a cursor over {@code range} so that what it covers is recorded as it goes. */
    public EngineCursor recording(EngineCursor cursor, KeyRange range, boolean reverse) {
        RecordingCursor recording = new RecordingCursor(cursor, range, reverse);
        cursors.add(recording);
        return recording;
    }

    /** The keys read, in order. */
    public NavigableSet<byte[]> keys() {
        return Collections.unmodifiableNavigableSet(keys);
    }

    /** The ranges read: recorded ones and what each cursor has covered so far (empty ones left out). */
    public List<KeyRange> ranges() {
        List<KeyRange> all = new ArrayList<>(ranges);
        for (RecordingCursor cursor : cursors) {
            KeyRange covered = cursor.covered();
            if (covered != null) {
                all.add(covered);
            }
        }
        return all;
    }

    public boolean isEmpty() {
        return keys.isEmpty() && ranges().isEmpty();
    }

    /** The smallest key after {@code key}: the key followed by a zero byte (an exclusive bound just past it). */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private static final class RecordingCursor implements EngineCursor {

        private final EngineCursor cursor;
        private final KeyRange range;
        private final boolean reverse;
        private byte[] reached;
        private boolean exhausted;

        RecordingCursor(EngineCursor cursor, KeyRange range, boolean reverse) {
            this.cursor = cursor;
            this.range = range;
            this.reverse = reverse;
        }

        /** What the cursor has covered: from its start to the key it reached, or the whole range once exhausted. */
        KeyRange covered() {
            if (exhausted) {
                return range;
            }
            if (reached == null) {
                return null;
            }
            return reverse ? new KeyRange(reached, range.upper()) : new KeyRange(range.lower(), successor(reached));
        }

        @Override
        public boolean next() {
            boolean moved = cursor.next();
            if (moved) {
                reached = cursor.key();
            } else {
                exhausted = true;
            }
            return moved;
        }

        @Override
        public byte[] key() {
            return cursor.key();
        }

        @Override
        public byte[] value() {
            return cursor.value();
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
