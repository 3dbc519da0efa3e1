package dev.strata.backend.memory.internal;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.KeyRange;

/**
 * A cursor over a transaction's view of a key range: the committed keys as of its snapshot merged with the
 * transaction's own buffered writes (which win on equal keys; buffered deletions hide keys). It streams: the
 * committed side walks the skip list's weakly consistent iterator (no allocation per step), and the buffered side
 * looks up the next buffered key after the last one it used, so writes the transaction makes while the cursor is
 * open neither break it nor get lost if they lie ahead of it.
 */
final class SnapshotCursor implements EngineCursor {

    private final MemoryTransaction tx;
    private final Iterator<KeyEntry> committed;
    private final KeyRange range;
    private final boolean reverse;
    private final long snapshot;
    private final ValueCodec codec;

    private KeyEntry committedEntry;
    private Version committedVersion;
    private boolean committedDone;

    private byte[] bufferedKey;
    private Version bufferedWrite;
    private byte[] lastBufferedKey;
    private boolean bufferedDone;

    private byte[] currentKey;
    private byte[] currentStored;
    private int currentRawLength;
    private boolean closed;

    SnapshotCursor(MemoryTransaction tx, Iterator<KeyEntry> committed, KeyRange range, boolean reverse,
            long snapshot, ValueCodec codec) {
        this.tx = tx;
        this.committed = committed;
        this.range = range;
        this.reverse = reverse;
        this.snapshot = snapshot;
        this.codec = codec;
    }

    @Override
    public boolean next() {
        checkUsable();
        while (true) {
            if (committedEntry == null && !committedDone) {
                advanceCommitted();
            }
            if (bufferedKey == null && !bufferedDone) {
                advanceBuffered();
            }
            if (committedEntry == null && bufferedKey == null) {
                currentKey = null;
                return false;
            }
            // below zero: the committed entry comes first in cursor order; zero: the buffered write replaces it
            int order;
            if (committedEntry == null) {
                order = 1;
            } else if (bufferedKey == null) {
                order = -1;
            } else {
                int compared = Arrays.compareUnsigned(committedEntry.key, bufferedKey);
                order = reverse ? -compared : compared;
            }
            if (order < 0) {
                current(committedEntry.key, committedVersion.stored, committedVersion.rawLength);
                committedEntry = null;
                return true;
            }
            if (order == 0) {
                committedEntry = null;
            }
            Version write = bufferedWrite;
            byte[] key = bufferedKey;
            lastBufferedKey = key;
            bufferedKey = null;
            if (!write.isDeletion()) {
                current(key, write.stored, write.rawLength);
                return true;
            }
        }
    }

    @Override
    public byte[] key() {
        checkCurrent();
        return currentKey.clone();
    }

    @Override
    public byte[] value() {
        checkCurrent();
        return codec.decode(currentStored, currentRawLength);
    }

    @Override
    public void close() {
        closed = true;
        currentKey = null;
        currentStored = null;
    }

    private void current(byte[] key, byte[] stored, int rawLength) {
        currentKey = key;
        currentStored = stored;
        currentRawLength = rawLength;
    }

    private void advanceCommitted() {
        while (committed.hasNext()) {
            KeyEntry entry = committed.next();
            Version version = entry.visibleAt(snapshot);
            if (version != null && !version.isDeletion()) {
                committedEntry = entry;
                committedVersion = version;
                return;
            }
        }
        committedDone = true;
        committedVersion = null;
    }

    private void advanceBuffered() {
        NavigableMap<byte[], Version> writes = tx.pendingWrites();
        if (writes == null) {
            return;
        }
        Map.Entry<byte[], Version> next;
        if (lastBufferedKey != null) {
            next = reverse ? writes.lowerEntry(lastBufferedKey) : writes.higherEntry(lastBufferedKey);
        } else if (reverse) {
            next = range.upper() == null ? writes.lastEntry() : writes.lowerEntry(range.upper());
        } else {
            next = range.lower() == null ? writes.firstEntry() : writes.ceilingEntry(range.lower());
        }
        if (next == null) {
            return;
        }
        if (reverse ? range.isBelow(next.getKey()) : range.isAbove(next.getKey())) {
            bufferedDone = true;
            return;
        }
        bufferedKey = next.getKey();
        bufferedWrite = next.getValue();
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        tx.checkUsable();
    }

    private void checkCurrent() {
        checkUsable();
        if (currentKey == null) {
            throw new IllegalStateException("the cursor has no current entry: call next() first, and only use an "
                    + "entry while next() returned true");
        }
    }
}
