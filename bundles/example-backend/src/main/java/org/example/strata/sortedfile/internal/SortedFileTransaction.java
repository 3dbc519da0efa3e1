package org.example.strata.sortedfile.internal;

import java.util.NavigableMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.support.EngineState;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.TransactionState;
import dev.strata.api.spi.support.WriteSet;

/**
 * A transaction: the snapshot taken at begin, plus this transaction's own writes kept aside until commit, in a
 * {@link WriteSet} from the SPI's support package (a delete is a tombstone there). A serializable read-write
 * transaction also records what it reads in a {@link ReadSet}, which the commit validates. The
 * {@link TransactionState} makes the checks the SPI asks for (finished, read-only, engine closed) with the right
 * typed errors. Used by one thread at a time (the SPI's rule), so it needs no locking of its own.
 * <p>
 * Arrays cross the SPI boundary by copy: the write set copies on the way in, and reads copy on the way out, so a
 * caller changing its array afterwards cannot change the store.
 */
final class SortedFileTransaction implements EngineTransaction {

    private final SortedFileEngine engine;
    private final TransactionState state;
    private final IsolationLevel isolation;
    private final SortedFileEngine.Snapshot snapshot;
    private final WriteSet writes = new WriteSet();
    private final ReadSet reads;

    SortedFileTransaction(SortedFileEngine engine, EngineState engineState, TransactionMode mode,
            IsolationLevel isolation, SortedFileEngine.Snapshot snapshot) {
        this.engine = engine;
        this.state = new TransactionState(engineState, mode);
        this.isolation = isolation;
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

    @Override
    public long snapshotSequence() {
        checkReadable();
        return snapshot.version();
    }

    @Override
    public byte[] get(byte[] key) {
        checkReadable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        byte[] value = writes.read(key, snapshot.data()::get);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        if (value.length > engine.maxValueBytes()) {
            throw new QuotaExceededException("value is " + value.length + " bytes; this store's "
                    + SortedFileSettings.MAX_VALUE_SIZE + " is " + engine.maxValueBytes());
        }
        writes.put(key, value);
    }

    /** Reads whether the key is there, then writes a tombstone either way (a delete is always a write). */
    @Override
    public boolean delete(byte[] key) {
        checkWritable();
        ByteKeys.checkKey(key);
        if (reads != null) {
            reads.recordKey(key);
        }
        boolean present = writes.read(key, snapshot.data()::get) != null;
        writes.delete(key);
        return present;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        checkReadable();
        if (range == null) {
            throw new InvalidArgumentException("key range must not be null (use KeyRange.ALL)");
        }
        EngineCursor committed = new MapCursor(slice(snapshot.data(), range), reverse, state);
        EngineCursor view = writes.overlay(committed, range, reverse);
        return reads == null ? view : reads.recording(view, range, reverse);
    }

    private static NavigableMap<byte[], byte[]> slice(NavigableMap<byte[], byte[]> map, KeyRange range) {
        if (range.lower() == null && range.upper() == null) {
            return map;
        }
        if (range.lower() == null) {
            return map.headMap(range.upper(), false);
        }
        if (range.upper() == null) {
            return map.tailMap(range.lower(), true);
        }
        return map.subMap(range.lower(), true, range.upper(), false);
    }

    @Override
    public long commit() {
        checkReadable();
        if (mode() == TransactionMode.READ_ONLY) {
            state.committed();
            return snapshot.version(); // nothing to apply, nothing registered
        }
        if (writes.isEmpty()) {
            state.committed();
            engine.release(snapshot);
            return snapshot.version();
        }
        state.abort(); // finished from here on, whatever the commit does: a failed commit is rolled back
        long sequence = engine.commit(snapshot, writes, reads);
        state.committed();
        return sequence;
    }

    @Override
    public void abort() {
        if (state.abort()) {
            writes.clear();
            if (mode() == TransactionMode.READ_WRITE) {
                engine.release(snapshot);
            }
        }
    }

    @Override
    public void close() {
        abort();
    }

    /** The state check; a transaction the engine's close rolled back lets go of its snapshot. */
    private void checkReadable() {
        boolean wasOpen = state.isOpen();
        try {
            state.checkReadable();
        } catch (RuntimeException e) {
            if (wasOpen && mode() == TransactionMode.READ_WRITE) {
                engine.release(snapshot);
            }
            throw e;
        }
    }

    private void checkWritable() {
        checkReadable();
        state.checkWritable();
    }
}
