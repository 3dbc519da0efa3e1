package dev.strata.api.spi.support;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;

import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.KeyRange;

/**
 * A transaction's view of a key range: a cursor over the committed snapshot merged with the transaction's own
 * writes (see {@link WriteSet#overlay}). On equal keys the own write wins; a tombstone hides the key. It streams:
 * the snapshot side is pulled one entry at a time, and the own-writes side looks up the next written key after the
 * last one used, so writes the transaction makes while the cursor is open neither break it nor get lost when they
 * lie ahead of it. {@link #key()} and {@link #value()} hand out copies.
 */
public final class OverlayCursor implements EngineCursor {

    private final EngineCursor snapshot;
    private final NavigableMap<byte[], byte[]> writes;
    private final KeyRange range;
    private final boolean reverse;

    private byte[] snapshotKey;
    private boolean snapshotDone;
    private Map.Entry<byte[], byte[]> write;
    private byte[] lastWriteKey;
    private boolean writesDone;

    private byte[] currentKey;
    private byte[] currentValue;
    /** Whether the current entry comes from the snapshot cursor (its value is read from there lazily). */
    private boolean currentFromSnapshot;
    private boolean closed;

    OverlayCursor(EngineCursor snapshot, NavigableMap<byte[], byte[]> writes, KeyRange range, boolean reverse) {
        this.snapshot = snapshot;
        this.writes = writes;
        this.range = range;
        this.reverse = reverse;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        while (true) {
            if (snapshotKey == null && !snapshotDone) {
                if (snapshot.next()) {
                    snapshotKey = snapshot.key();
                } else {
                    snapshotDone = true;
                }
            }
            if (write == null && !writesDone) {
                advanceWrites();
            }
            if (snapshotKey == null && write == null) {
                currentKey = null;
                currentValue = null;
                return false;
            }
            int order;
            if (snapshotKey == null) {
                order = 1;
            } else if (write == null) {
                order = -1;
            } else {
                int compared = Arrays.compareUnsigned(snapshotKey, write.getKey());
                order = reverse ? -compared : compared;
            }
            if (order < 0) {
                currentKey = snapshotKey;
                currentValue = null;
                currentFromSnapshot = true;
                snapshotKey = null;
                return true;
            }
            if (order == 0) {
                snapshotKey = null; // shadowed by the own write
            }
            Map.Entry<byte[], byte[]> own = write;
            lastWriteKey = own.getKey();
            write = null;
            if (own.getValue() != null) {
                currentKey = own.getKey();
                currentValue = own.getValue();
                currentFromSnapshot = false;
                return true;
            }
        }
    }

    private void advanceWrites() {
        Map.Entry<byte[], byte[]> next;
        if (lastWriteKey != null) {
            next = reverse ? writes.lowerEntry(lastWriteKey) : writes.higherEntry(lastWriteKey);
        } else if (reverse) {
            next = range.upper() == null ? writes.lastEntry() : writes.lowerEntry(range.upper());
        } else {
            next = range.lower() == null ? writes.firstEntry() : writes.ceilingEntry(range.lower());
        }
        if (next == null || (reverse ? range.isBelow(next.getKey()) : range.isAbove(next.getKey()))) {
            writesDone = true;
            return;
        }
        write = next;
    }

    @Override
    public byte[] key() {
        checkCurrent();
        return currentKey.clone();
    }

    @Override
    public byte[] value() {
        checkCurrent();
        if (currentFromSnapshot) {
            // the snapshot cursor is still on this entry: it only moves on in next()
            return snapshot.value();
        }
        return currentValue.clone();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            currentKey = null;
            currentValue = null;
            snapshot.close();
        }
    }

    private void checkCurrent() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        if (currentKey == null) {
            throw new IllegalStateException("the cursor has no current entry: call next() first, and use an entry "
                    + "only while next() returned true");
        }
    }
}
