package dev.strata.backend.xodus.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.ConflictException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * An SPI transaction over one Xodus transaction. Xodus gives snapshot isolation and read-your-writes natively. A
 * read-write transaction also keeps its last write per key, so that {@link WriteConflicts} can decide conflicts per
 * key and replay the writes on a newer snapshot when Xodus refuses a commit for a change to other keys. A conflict
 * aborts the Xodus transaction: nothing of it is applied.
 */
final class XodusTransaction implements EngineTransaction {

    /** ABANDONED: aborted by the engine's close, so later use is the store's unavailability, not a misuse. */
    private enum State { OPEN, COMMITTED, ABORTED, ABANDONED }

    private final XodusEngine engine;
    private final Transaction txn;
    private final Store store;
    private final TransactionMode mode;
    private final List<XodusCursor> cursors = new ArrayList<>();
    /** Last write per key (null: deleted), for conflict checks and replay; only in read-write transactions. */
    private final Map<ByteBuffer, byte[]> writes = new LinkedHashMap<>();
    private final WriteConflicts conflicts;
    private final long snapshot;
    private State state = State.OPEN;

    /**
     * @param conflicts the engine's conflict tracker (read-write transactions), or {@code null} (read-only)
     * @param snapshot  the commit sequence of this transaction's snapshot
     */
    XodusTransaction(XodusEngine engine, Transaction txn, TransactionMode mode, WriteConflicts conflicts,
            long snapshot) {
        this.engine = engine;
        this.txn = txn;
        this.store = engine.keys();
        this.mode = mode;
        this.conflicts = conflicts;
        this.snapshot = snapshot;
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    @Override
    public long snapshotSequence() {
        return snapshot;
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        ByteKeys.checkKey(key);
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
        checkWritable();
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
            writes.put(ByteBuffer.wrap(ownKey), stored);
        } catch (RuntimeException e) {
            throw engine.translate("put", e);
        }
    }

    @Override
    public boolean delete(byte[] key) {
        checkWritable();
        ByteKeys.checkKey(key);
        try {
            boolean deleted = store.delete(txn, new ArrayByteIterable(key));
            writes.put(ByteBuffer.wrap(key.clone()), null);
            return deleted;
        } catch (RuntimeException e) {
            throw engine.translate("delete", e);
        }
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        checkOpen();
        try {
            XodusCursor[] opened = new XodusCursor[1];
            opened[0] = new XodusCursor(engine, txn, range, reverse, () -> cursors.remove(opened[0]));
            cursors.add(opened[0]);
            return opened[0];
        } catch (RuntimeException e) {
            throw engine.translateRead("cursor", e);
        }
    }

    /**
     * Commits; at {@code fsync} returns only after a force that began after Xodus wrote the commit. The sequence is
     * recorded in the store within the commit, so it keeps counting across restarts. A transaction that wrote
     * nothing commits nothing and returns its snapshot's sequence.
     */
    @Override
    public long commit() {
        checkOpen();
        closeCursors();
        if (mode == TransactionMode.READ_ONLY || writes.isEmpty()) {
            finish(State.COMMITTED);
            return snapshot;
        }
        long sequence;
        try {
            sequence = conflicts.commit(engine.storeName(), snapshot, writes.keySet(), this::commitAs,
                    this::replayOnNewestSnapshot);
        } catch (ConflictException e) {
            finish(State.ABORTED);
            throw e;
        } catch (RuntimeException e) {
            finish(State.ABORTED);
            StorageException failure = engine.translate("commit", e);
            if (!(failure instanceof QuotaExceededException)) {
                engine.enterReadOnlyMode(failure);
            }
            throw failure;
        }
        state = State.COMMITTED;
        release();
        engine.awaitDurable(sequence);
        return sequence;
    }

    /** Xodus's commit, recording its sequence in the store's metadata within it. */
    private boolean commitAs(long sequence) {
        engine.meta().putSequence(txn, sequence);
        return txn.commit();
    }

    /** Xodus refused the commit for another transaction's change to other keys: redo the writes on top of it. */
    private void replayOnNewestSnapshot() {
        txn.revert();
        for (Map.Entry<ByteBuffer, byte[]> write : writes.entrySet()) {
            ArrayByteIterable key = new ArrayByteIterable(write.getKey().array());
            if (write.getValue() == null) {
                store.delete(txn, key);
            } else {
                store.put(txn, key, new ArrayByteIterable(write.getValue()));
            }
        }
    }

    @Override
    public void abort() {
        if (state == State.OPEN) {
            closeCursors();
            finish(State.ABORTED);
        }
    }

    @Override
    public void close() {
        abort();
    }

    /** Ends the Xodus transaction (abort releases a read-only one too) and forgets it. */
    private void finish(State end) {
        state = end;
        try {
            if (!txn.isFinished()) {
                txn.abort();
            }
        } finally {
            release();
        }
    }

    private void release() {
        writes.clear();
        if (conflicts != null) {
            conflicts.ended(snapshot);
        }
        engine.finished(this);
    }

    private void closeCursors() {
        for (XodusCursor cursor : List.copyOf(cursors)) {
            cursor.close();
        }
    }

    /** The engine is closing: abort, and make every later use a typed unavailability. */
    void abandon() {
        if (state == State.OPEN) {
            for (XodusCursor cursor : List.copyOf(cursors)) {
                cursor.abandon();
            }
            finish(State.ABANDONED);
        }
    }

    boolean isAbandoned() {
        return state == State.ABANDONED;
    }

    private void checkOpen() {
        if (state == State.ABANDONED) {
            throw new dev.strata.api.StoreUnavailableException("store '" + engine.storeName()
                    + "' was closed; this transaction was aborted");
        }
        if (state != State.OPEN) {
            throw new IllegalStateException("transaction is " + (state == State.COMMITTED ? "committed" : "aborted"));
        }
    }

    private void checkWritable() {
        checkOpen();
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("store '" + engine.storeName() + "': a read-only transaction cannot write");
        }
    }
}
