package dev.strata.backend.xodus.internal;

import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.KeyRange;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * A walk over a key range with a Xodus cursor, ascending or descending. Xodus compares keys as unsigned bytes,
 * like the SPI: ascending starts at the first key at or above the lower end and stops past the upper end;
 * descending goes through {@link PatriciaReverseWalk}, skips what lies at or above the upper end and stops below
 * the lower end.
 */
final class XodusCursor implements EngineCursor {

    private final Cursor cursor;
    private final KeyRange range;
    private final boolean reverse;
    private final Store store;
    private final Transaction txn;
    private PatriciaReverseWalk descending;
    private final Runnable onClose;
    private boolean started;
    private boolean exhausted;
    private boolean closed;
    private byte[] key;
    private byte[] value;

    XodusCursor(Store store, Transaction txn, KeyRange range, boolean reverse, Runnable onClose) {
        this.store = store;
        this.txn = txn;
        this.cursor = store.openCursor(txn);
        this.range = range;
        this.reverse = reverse;
        this.onClose = onClose;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (exhausted) {
            return false;
        }
        if (reverse) {
            return nextDescending();
        }
        boolean moved;
        if (!started) {
            started = true;
            byte[] lower = range.lower();
            moved = lower == null ? cursor.getNext() : cursor.getSearchKeyRange(new ArrayByteIterable(lower)) != null;
        } else {
            moved = cursor.getNext();
        }
        byte[] found = moved ? XodusBytes.copy(cursor.getKey()) : null;
        if (found == null || range.isAbove(found)) {
            return end();
        }
        key = found;
        value = XodusBytes.copy(cursor.getValue());
        return true;
    }

    private boolean nextDescending() {
        if (!started) {
            started = true;
            descending = new PatriciaReverseWalk(cursor, store, txn, range.upper());
        }
        for (byte[][] entry = descending.next(); entry != null; entry = descending.next()) {
            if (range.isBelow(entry[0])) {
                break;
            }
            if (!range.isAbove(entry[0])) {
                key = entry[0];
                value = entry[1];
                return true;
            }
        }
        return end();
    }

    private boolean end() {
        exhausted = true;
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        return current(key);
    }

    @Override
    public byte[] value() {
        return current(value);
    }

    private byte[] current(byte[] field) {
        if (field == null) {
            throw new IllegalStateException(started ? "cursor is past the end of its range" : "call next() first");
        }
        return field.clone();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cursor.close();
            onClose.run();
        }
    }
}
