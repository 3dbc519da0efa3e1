package dev.strata.backend.memory.internal;

import java.util.Iterator;

import dev.strata.api.spi.EngineCursor;

/**
 * A cursor over the committed keys of a range as of one snapshot (a transaction's own writes are laid over it by
 * {@link dev.strata.api.spi.support.OverlayCursor}). It streams the skip list's weakly consistent iterator without
 * allocating per step, and decodes a value only when asked for it.
 */
final class SnapshotCursor implements EngineCursor {

    private final MemoryTransaction tx;
    private final Iterator<KeyEntry> committed;
    private final long snapshot;
    private final ValueCodec codec;

    private byte[] currentKey;
    private Version currentVersion;
    private boolean closed;

    SnapshotCursor(MemoryTransaction tx, Iterator<KeyEntry> committed, long snapshot, ValueCodec codec) {
        this.tx = tx;
        this.committed = committed;
        this.snapshot = snapshot;
        this.codec = codec;
    }

    @Override
    public boolean next() {
        checkUsable();
        while (committed.hasNext()) {
            KeyEntry entry = committed.next();
            Version version = entry.visibleAt(snapshot);
            if (version != null && !version.isDeletion()) {
                currentKey = entry.key;
                currentVersion = version;
                return true;
            }
        }
        currentKey = null;
        currentVersion = null;
        return false;
    }

    @Override
    public byte[] key() {
        checkCurrent();
        return currentKey.clone();
    }

    @Override
    public byte[] value() {
        checkCurrent();
        return codec.decode(currentVersion.stored, currentVersion.rawLength);
    }

    @Override
    public void close() {
        closed = true;
        currentKey = null;
        currentVersion = null;
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
