package dev.strata.backend.file.internal;

import dev.strata.api.spi.EngineCursor;
import dev.strata.backend.file.internal.read.MergingIterator;

/** The client's view of a merged walk: tombstones skipped, arrays copied so the caller owns them. */
final class TransactionCursor implements EngineCursor {

    private final MergingIterator merged;
    /** Throws when the transaction can no longer be used (its engine closed): checked before every step. */
    private final Runnable checkUsable;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    TransactionCursor(MergingIterator merged, Runnable checkUsable) {
        this.merged = merged;
        this.checkUsable = checkUsable;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        // after the engine's close its files may be gone: never read on, say why instead
        checkUsable.run();
        while (merged.next()) {
            if (!merged.isTombstone()) {
                key = merged.key();
                value = merged.value();
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        if (key == null) {
            throw new IllegalStateException("no current entry: call next() first");
        }
        return key.clone();
    }

    @Override
    public byte[] value() {
        if (value == null) {
            throw new IllegalStateException("no current entry: call next() first");
        }
        return value.clone();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            merged.close();
        }
    }
}
