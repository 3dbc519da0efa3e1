package dev.strata.backend.memory.internal;

import java.util.NavigableMap;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

/**
 * A transaction of the memory engine: reads from the snapshot taken at begin, buffers writes in a sorted map (as
 * versions in stored form, so deflating happens here in the caller's thread, not under the commit lock) and hands
 * them to {@link VersionedMap#commit} at the end. A read-only transaction costs one object and two striped counter
 * updates. Used by one thread at a time, so it needs no synchronisation of its own.
 */
final class MemoryTransaction implements EngineTransaction {

    private enum State { OPEN, COMMITTED, ROLLED_BACK }

    private final VersionedMap data;
    private final TransactionMode mode;
    private final long snapshot;
    private final int stripe;
    /** The epoch this transaction counts in, until it stops reading; then {@code null}. */
    private ReaderEpoch epoch;
    private TreeMap<byte[], Version> writes;
    private State state = State.OPEN;

    MemoryTransaction(VersionedMap data, TransactionMode mode, long snapshot, ReaderEpoch epoch, int stripe) {
        this.data = data;
        this.mode = mode;
        this.snapshot = snapshot;
        this.epoch = epoch;
        this.stripe = stripe;
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    /** The timestamp of the newest commit published when this transaction began. */
    @Override
    public long snapshotSequence() {
        return snapshot;
    }

    @Override
    public byte[] get(byte[] key) {
        checkUsable();
        ByteKeys.checkKey(key);
        if (writes != null) {
            Version write = writes.get(key);
            if (write != null) {
                return write.isDeletion() ? null : data.codec.decode(write.stored, write.rawLength);
            }
        }
        Version version = data.read(key, snapshot);
        return version == null ? null : data.codec.decode(version.stored, version.rawLength);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        Version write = data.codec.encode(value);
        writes().put(key.clone(), write);
    }

    @Override
    public boolean delete(byte[] key) {
        checkWritable();
        ByteKeys.checkKey(key);
        Version pending = writes == null ? null : writes.get(key);
        boolean inSnapshot = data.read(key, snapshot) != null;
        boolean present = pending == null ? inSnapshot : !pending.isDeletion();
        if (!present) {
            return false;
        }
        if (inSnapshot) {
            writes().put(key.clone(), Version.pending(null, -1));
        } else {
            // only this transaction had written the key: forgetting that write is the whole deletion
            writes.remove(key);
        }
        return true;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        checkUsable();
        if (range == null) {
            throw new InvalidArgumentException("key range must not be null (use KeyRange.ALL)");
        }
        return new SnapshotCursor(this, data.entries(range, reverse), range, reverse, snapshot, data.codec);
    }

    @Override
    public long commit() {
        checkUsable();
        boolean committed = false;
        long sequence = snapshot;
        try {
            if (writes != null && !writes.isEmpty()) {
                sequence = data.commit(this, snapshot, writes);
            }
            committed = true;
            return sequence;
        } finally {
            state = committed ? State.COMMITTED : State.ROLLED_BACK;
            writes = null;
            releaseSnapshot(true);
        }
    }

    @Override
    public void abort() {
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
            writes = null;
            releaseSnapshot(true);
        }
    }

    @Override
    public void close() {
        abort();
    }

    /** Stops counting this transaction as a reader; idempotent. */
    void releaseSnapshot(boolean mayPrune) {
        ReaderEpoch held = epoch;
        if (held != null) {
            epoch = null;
            data.leave(held, stripe, mayPrune);
        }
    }

    /** The buffered writes, or {@code null} when there are none yet (for cursors). */
    NavigableMap<byte[], Version> pendingWrites() {
        return writes;
    }

    /** @throws IllegalStateException after commit or rollback; StoreUnavailableException once the store closed */
    void checkUsable() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the transaction is already "
                    + (state == State.COMMITTED ? "committed" : "rolled back"));
        }
        if (data.isClosed()) {
            abort();
            throw new StoreUnavailableException("memory store '" + data.storeName()
                    + "' was closed; the transaction was rolled back");
        }
    }

    private void checkWritable() {
        checkUsable();
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("this transaction is read-only");
        }
    }

    private TreeMap<byte[], Version> writes() {
        if (writes == null) {
            writes = new TreeMap<>(ByteKeys.ORDER);
        }
        return writes;
    }
}
