package dev.strata.backend.xodus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.TransactionState;
import dev.strata.api.spi.support.WriteSet;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * An SPI transaction over one Xodus transaction. Xodus gives snapshot isolation and read-your-writes natively. A
 * read-write transaction also keeps its writes in the SPI support's {@link WriteSet} (each key's last write, its
 * value as stored), so that {@link WriteConflicts} can decide conflicts per key and replay the writes on a newer
 * snapshot when Xodus refuses a commit for a change to other keys; a serializable one keeps a {@link ReadSet} for
 * the commit to validate. A conflict aborts the Xodus transaction: nothing of it is applied. Read committed and
 * snapshot requests both get a snapshot transaction (the stronger level satisfies the weaker). The state checks
 * and their typed errors are {@link TransactionState}'s.
 */
final class XodusTransaction implements EngineTransaction {

    private final XodusEngine engine;
    private final Transaction txn;
    private final Store store;
    private final TransactionState state;
    private final IsolationLevel isolation;
    private final List<XodusCursor> cursors = new ArrayList<>();
    private final WriteSet writes = new WriteSet();
    /** What a serializable read-write transaction read; {@code null} otherwise. */
    private final ReadSet reads;
    private final WriteConflicts conflicts;
    private final long snapshot;
    /** Whether the transaction has let go of the engine (its snapshot, its place among the open ones): once. */
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param conflicts the engine's conflict tracker (read-write transactions), or {@code null} (read-only)
     * @param snapshot  the commit sequence of this transaction's snapshot
     */
    XodusTransaction(XodusEngine engine, Transaction txn, TransactionState state, IsolationLevel requested,
            WriteConflicts conflicts, long snapshot) {
        this.engine = engine;
        this.txn = txn;
        this.store = engine.keys();
        this.state = state;
        this.isolation = requested == IsolationLevel.SERIALIZABLE ? requested : IsolationLevel.SNAPSHOT;
        this.conflicts = conflicts;
        this.snapshot = snapshot;
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

    @Override
    public long snapshotSequence() {
        state.checkReadable();
        return snapshot;
    }

    @Override
    public byte[] get(byte[] key) {
        state.checkReadable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        byte[] stored;
        try {
            stored = XodusBytes.copy(store.get(txn, new ArrayByteIterable(key)));
        } catch (RuntimeException e) {
            throw engine.translateRead("get", e);
        }
        return stored == null ? null : engine.openValue(key, stored);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        state.checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        if (value.length > engine.maxValueBytes()) {
            throw new QuotaExceededException("value is " + value.length + " bytes; this Xodus store takes at most "
                    + engine.maxValueBytes() + " (raise " + XodusStoreSettings.LOG_FILE_SIZE + ")");
        }
        byte[] ownKey = key.clone();
        byte[] stored = engine.codec().encode(ownKey, value);
        try {
            store.put(txn, new ArrayByteIterable(ownKey), new ArrayByteIterable(stored));
            writes.put(ownKey, stored);
        } catch (RuntimeException e) {
            throw engine.translate("put", e);
        }
    }

    /** Always a write (a tombstone in the write set, present or not); at serializable it reads the key too. */
    @Override
    public boolean delete(byte[] key) {
        state.checkWritable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        try {
            boolean deleted = store.delete(txn, new ArrayByteIterable(key));
            writes.delete(key);
            return deleted;
        } catch (RuntimeException e) {
            throw engine.translate("delete", e);
        }
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        state.checkReadable();
        if (range == null) {
            throw new InvalidArgumentException("key range must not be null (use KeyRange.ALL)");
        }
        XodusCursor opened;
        try {
            XodusCursor[] self = new XodusCursor[1];
            self[0] = new XodusCursor(engine, txn, range, reverse, () -> cursors.remove(self[0]));
            opened = self[0];
            cursors.add(opened);
        } catch (RuntimeException e) {
            throw engine.translateRead("cursor", e);
        }
        return reads == null ? opened : reads.recording(opened, range, reverse);
    }

    /**
     * Commits; at {@code fsync} returns only after a force that began after Xodus wrote the commit. The sequence is
     * recorded in the store within the commit, so it keeps counting across restarts. A transaction that wrote
     * nothing commits nothing and returns its snapshot's sequence.
     */
    @Override
    public long commit() {
        state.checkReadable();
        closeCursors();
        if (state.mode() == TransactionMode.READ_ONLY || writes.isEmpty()) {
            state.committed();
            finish();
            return snapshot;
        }
        long sequence;
        try {
            sequence = conflicts.commit(snapshot, writes, reads, this::commitAs, this::replayOnNewestSnapshot);
        } catch (ConflictException e) {
            state.abort();
            finish();
            throw e;
        } catch (RuntimeException e) {
            state.abort();
            finish();
            StorageException failure = engine.translate("commit", e);
            if (!(failure instanceof QuotaExceededException)) {
                engine.enterReadOnlyMode(failure);
            }
            throw failure;
        }
        state.committed();
        release();
        engine.awaitDurable(sequence);
        return sequence;
    }

    /** Xodus's commit, recording its sequence in the store within it. */
    private boolean commitAs(long sequence) {
        engine.commits().put(txn, sequence);
        return txn.commit();
    }

    /** Xodus refused the commit for another transaction's change to other keys: redo the writes on top of it. */
    private void replayOnNewestSnapshot() {
        txn.revert();
        for (Map.Entry<byte[], byte[]> write : writes.entries().entrySet()) {
            ArrayByteIterable key = new ArrayByteIterable(write.getKey());
            if (write.getValue() == null) {
                store.delete(txn, key);
            } else {
                store.put(txn, key, new ArrayByteIterable(write.getValue()));
            }
        }
    }

    @Override
    public void abort() {
        if (state.abort()) {
            closeCursors();
            finish();
        }
    }

    @Override
    public void close() {
        abort();
    }

    /** Ends the Xodus transaction (abort releases a read-only one too) and forgets it. */
    private void finish() {
        try {
            if (!txn.isFinished()) {
                txn.abort();
            }
        } finally {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            if (conflicts != null) {
                conflicts.ended(snapshot);
            }
            engine.finished(this);
        }
    }

    private void closeCursors() {
        for (XodusCursor cursor : List.copyOf(cursors)) {
            cursor.close();
        }
    }

    /**
     * The engine is closing (called from the closing thread): the Xodus transaction is aborted and its cursors
     * stop; the transaction's own thread finds the engine closed at its next call and is rolled back
     * ({@link TransactionState#checkReadable}).
     */
    void abandon() {
        if (released.get()) {
            return;
        }
        for (XodusCursor cursor : List.copyOf(cursors)) {
            cursor.abandon();
        }
        finish();
    }
}
