package dev.strata.backend.file.internal;

import java.util.concurrent.ThreadLocalRandom;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.support.EngineState;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.TransactionState;
import dev.strata.api.spi.support.WriteSet;
import dev.strata.backend.file.internal.read.MergingIterator;

/**
 * A transaction: reads from its snapshot (sequence number and view, taken at begin) overlaid with its own writes,
 * which it buffers until commit. The own writes and their overlay over the snapshot's cursor, the read set of a
 * serializable transaction and the state checks are the SPI support's ({@link WriteSet}, {@link ReadSet},
 * {@link TransactionState}); the commit pipeline validates both sets with its conflict tracker. Read committed
 * and snapshot requests both get a snapshot transaction (the stronger level satisfies the weaker). Used by one
 * thread at a time.
 */
final class FileTransaction implements EngineTransaction {

    private final FileEngine engine;
    private final EngineState engineState;
    private final TransactionState state;
    private final IsolationLevel isolation;
    private final Views.Snapshot snapshot;
    private final WriteSet writes = new WriteSet();
    /** What a serializable read-write transaction read, for the commit to validate; {@code null} otherwise. */
    private final ReadSet reads;
    /** For the engine's set of open transactions: an identity hash costs a header update on every begin. */
    private final int hash = ThreadLocalRandom.current().nextInt();

    FileTransaction(FileEngine engine, EngineState engineState, TransactionMode mode, IsolationLevel requested,
            Views.Snapshot snapshot) {
        this.engine = engine;
        this.engineState = engineState;
        this.state = new TransactionState(engineState, mode);
        this.isolation = requested == IsolationLevel.SERIALIZABLE ? requested : IsolationLevel.SNAPSHOT;
        this.snapshot = snapshot;
        boolean validates = isolation == IsolationLevel.SERIALIZABLE && mode == TransactionMode.READ_WRITE;
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

    /** The log sequence number of the newest commit visible to this snapshot (log sequences survive restarts). */
    @Override
    public long snapshotSequence() {
        state.checkReadable();
        return snapshot.seq();
    }

    @Override
    public byte[] get(byte[] key) {
        state.checkReadable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        byte[] value = read(key);
        return value == null ? null : value.clone();
    }

    private byte[] read(byte[] key) {
        if (writes.isEmpty()) {
            return committed(key);
        }
        return writes.read(key, this::committed);
    }

    private byte[] committed(byte[] key) {
        return snapshot.view().get(key, snapshot.seq());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        state.checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        writes.put(key, value);
    }

    /** Always leaves a tombstone (a delete is a write, present or not); at serializable it reads the key too. */
    @Override
    public boolean delete(byte[] key) {
        state.checkWritable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        boolean present = read(key) != null;
        writes.delete(key);
        return present;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        state.checkReadable();
        if (range == null) {
            throw new InvalidArgumentException("key range must not be null (use KeyRange.ALL)");
        }
        MergingIterator committed = new MergingIterator(
                snapshot.view().iterators(range.lower(), range.upper(), reverse, snapshot.seq()), reverse);
        // after the engine's close its files may be gone: the cursor never reads on, it says why instead
        EngineCursor cursor = new TransactionCursor(committed, engineState::checkOpen);
        EngineCursor view = writes.isEmpty() && state.mode() == TransactionMode.READ_ONLY ? cursor
                : writes.overlay(cursor, range, reverse);
        return reads == null ? view : reads.recording(view, range, reverse);
    }

    @Override
    public long commit() {
        state.checkReadable();
        boolean committed = false;
        try {
            long sequence = state.mode() == TransactionMode.READ_WRITE && !writes.isEmpty()
                    ? engine.commit(snapshot.seq(), writes, reads) : snapshot.seq();
            committed = true;
            return sequence;
        } finally {
            if (committed) {
                state.committed();
            } else {
                state.abort();
            }
            writes.clear();
            engine.finished(this, snapshot);
        }
    }

    @Override
    public void abort() {
        if (state.abort()) {
            writes.clear();
            engine.finished(this, snapshot);
        }
    }

    @Override
    public void close() {
        abort();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    /**
     * The engine is closing (called from the closing thread): its snapshot is released now; the transaction's own
     * thread finds the engine closed at its next call ({@link TransactionState#checkReadable}) and is rolled back.
     */
    void abandon() {
        engine.finished(this, snapshot);
    }
}
