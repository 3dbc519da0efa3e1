package dev.strata.backend.memory.internal;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.TransactionState;
import dev.strata.api.spi.support.WriteSet;

/**
 * A transaction of the memory engine: reads from the snapshot taken at begin, buffers writes in a
 * {@link WriteSet} and hands them, encoded as versions (deflated here in the caller's thread, not under the commit
 * lock), to {@link VersionedMap#commit} at the end. A serializable read-write transaction also keeps a
 * {@link ReadSet} for the commit to validate. A read-only transaction costs a few objects and two striped counter
 * updates. Used by one thread at a time, so it needs no synchronisation of its own.
 */
final class MemoryTransaction implements EngineTransaction {

    private final VersionedMap data;
    private final TransactionState state;
    private final IsolationLevel isolation;
    private final long snapshot;
    private final int stripe;
    /** The epoch this transaction counts in, until it stops reading; then {@code null}. */
    private ReaderEpoch epoch;
    private final WriteSet writes = new WriteSet();
    /** What a serializable read-write transaction read; {@code null} otherwise. */
    private final ReadSet reads;

    MemoryTransaction(VersionedMap data, TransactionState state, IsolationLevel isolation, long snapshot,
            ReaderEpoch epoch, int stripe) {
        this.data = data;
        this.state = state;
        this.isolation = isolation;
        this.snapshot = snapshot;
        this.epoch = epoch;
        this.stripe = stripe;
        boolean validates = isolation == IsolationLevel.SERIALIZABLE && state.mode() == TransactionMode.READ_WRITE;
        this.reads = validates ? new ReadSet() : null;
    }

    @Override
    public TransactionMode mode() {
        return state.mode();
    }

    @Override
    public IsolationLevel isolation() {
        return isolation;
    }

    /** The timestamp of the newest commit published when this transaction began. */
    @Override
    public long snapshotSequence() {
        checkUsable();
        return snapshot;
    }

    @Override
    public byte[] get(byte[] key) {
        checkUsable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        if (writes.isWritten(key)) {
            byte[] own = writes.read(key, k -> null);
            return own == null ? null : own.clone();
        }
        Version version = data.read(key, snapshot);
        return version == null ? null : data.codec.decode(version.stored, version.rawLength);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        state.checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        writes.put(key, value);
    }

    /** Always leaves a tombstone (a delete is a write, present or not: see EngineTransaction). */
    @Override
    public boolean delete(byte[] key) {
        state.checkWritable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        boolean present = writes.isWritten(key) ? !writes.isDeleted(key) : data.read(key, snapshot) != null;
        writes.delete(key);
        return present;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        checkUsable();
        if (range == null) {
            throw new InvalidArgumentException("key range must not be null (use KeyRange.ALL)");
        }
        EngineCursor committed = new SnapshotCursor(this, data.entries(range, reverse), snapshot, data.codec);
        EngineCursor view = writes.isEmpty() && state.mode() == TransactionMode.READ_ONLY ? committed
                : writes.overlay(committed, range, reverse);
        return reads == null ? view : reads.recording(view, range, reverse);
    }

    @Override
    public long commit() {
        checkUsable();
        boolean committed = false;
        long sequence = snapshot;
        try {
            if (!writes.isEmpty()) {
                sequence = data.commit(this, snapshot, encode(), reads);
            }
            committed = true;
            return sequence;
        } finally {
            if (committed) {
                state.committed();
            } else {
                state.abort();
            }
            writes.clear();
            releaseSnapshot(true);
        }
    }

    /** The writes as versions in stored form (deflated when the store compresses), in the caller's thread. */
    private NavigableMap<byte[], Version> encode() {
        NavigableMap<byte[], Version> versions = new TreeMap<>(ByteKeys.ORDER);
        for (Map.Entry<byte[], byte[]> write : writes.entries().entrySet()) {
            versions.put(write.getKey(), write.getValue() == null ? Version.pending(null, -1)
                    : data.codec.encode(write.getValue()));
        }
        return versions;
    }

    @Override
    public void abort() {
        if (state.abort()) {
            writes.clear();
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

    /** @throws IllegalStateException after commit or rollback; StoreUnavailableException once the store closed */
    void checkUsable() {
        boolean wasOpen = state.isOpen();
        try {
            state.checkReadable();
        } catch (RuntimeException e) {
            if (wasOpen) {
                writes.clear();
                releaseSnapshot(false);
            }
            throw e;
        }
    }
}
