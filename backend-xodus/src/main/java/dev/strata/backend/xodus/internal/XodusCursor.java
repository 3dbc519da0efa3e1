package dev.strata.backend.xodus.internal;

import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.KeyRange;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;

/**
 * A walk over a key range with a Xodus cursor, ascending or descending. Xodus compares keys as unsigned bytes,
 * like the SPI: ascending starts at the first key at or above the lower end and stops past the upper end;
 * descending goes through {@link PatriciaReverseWalk}, skips what lies at or above the upper end and stops below
 * the lower end. Every value's envelope is checked as it is read ({@link XodusEngine#openValue}); what Xodus throws
 * while walking committed data is damage too.
 */
final class XodusCursor implements EngineCursor {

    private final Cursor cursor;
    private final KeyRange range;
    private final boolean reverse;
    private final XodusEngine engine;
    private final Transaction txn;
    private PatriciaReverseWalk descending;
    private final Runnable onClose;
    private boolean started;
    private boolean exhausted;
    private boolean closed;
    /** Closed by the engine's close rather than by its user: later steps are the store's unavailability. */
    private boolean abandoned;
    private byte[] key;
    private byte[] value;

    XodusCursor(XodusEngine engine, Transaction txn, KeyRange range, boolean reverse, Runnable onClose) {
        this.engine = engine;
        this.txn = txn;
        this.cursor = engine.keys().openCursor(txn);
        this.range = range;
        this.reverse = reverse;
        this.onClose = onClose;
    }

    @Override
    public boolean next() {
        if (abandoned) {
            throw new dev.strata.api.StoreUnavailableException("the store was closed; this cursor's transaction was aborted");
        }
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (exhausted) {
            return false;
        }
        try {
            return reverse ? nextDescending() : nextAscending();
        } catch (dev.strata.api.StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw engine.translateRead("cursor", e);
        }
    }

    private boolean nextAscending() {
        boolean moved;
        if (!started) {
            started = true;
            byte[] lower = range.lower();
            moved = lower == null ? cursor.getNext() : cursor.getSearchKeyRange(new ArrayByteIterable(lower)) != null;
        } else {
            moved = cursor.getNext();
        }
        byte[] found = moved ? XodusBytes.copy(cursor.getKey()) : null;
        if (found != null && CommitSequence.isHidden(found)) { // the commit sequence sorts first: not a user key
            found = cursor.getNext() ? XodusBytes.copy(cursor.getKey()) : null;
        }
        if (found == null || range.isAbove(found)) {
            return end();
        }
        value = engine.openValue(found, XodusBytes.copy(cursor.getValue()));
        key = found;
        return true;
    }

    private boolean nextDescending() {
        if (!started) {
            started = true;
            descending = new PatriciaReverseWalk(cursor, engine.keys(), txn, range.upper());
        }
        for (byte[][] entry = descending.next(); entry != null; entry = descending.next()) {
            if (range.isBelow(entry[0]) || CommitSequence.isHidden(entry[0])) {
                break; // the commit sequence sorts before every user key: nothing comes after it
            }
            if (!range.isAbove(entry[0])) {
                value = engine.openValue(entry[0], entry[1]);
                key = entry[0];
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

    /** The engine is closing under this cursor. */
    void abandon() {
        abandoned = true;
        close();
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
