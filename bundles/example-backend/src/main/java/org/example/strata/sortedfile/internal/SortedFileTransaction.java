package org.example.strata.sortedfile.internal;

import java.util.NavigableMap;
import java.util.TreeMap;

import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

/**
 * A transaction: the snapshot taken at begin, plus this transaction's own writes kept aside until commit. A write
 * of {@code null} in {@link #writes} marks a delete. Used by one thread at a time (the SPI's rule), so it needs no
 * locking of its own.
 * <p>
 * Arrays cross the SPI boundary by copy: keys and values are cloned on the way in and on the way out, so a caller
 * changing its array afterwards cannot change the store.
 */
final class SortedFileTransaction implements EngineTransaction {

    private final SortedFileEngine engine;
    private final TransactionMode mode;
    private final SortedFileEngine.Snapshot snapshot;
    private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(ByteKeys.ORDER);
    private boolean finished;

    SortedFileTransaction(SortedFileEngine engine, TransactionMode mode, SortedFileEngine.Snapshot snapshot) {
        this.engine = engine;
        this.mode = mode;
        this.snapshot = snapshot;
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    @Override
    public long snapshotSequence() {
        return snapshot.version();
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        ByteKeys.checkKey(key);
        byte[] value = view(key);
        return value == null ? null : value.clone();
    }

    /** The value in this transaction's view (own writes first), not copied. */
    private byte[] view(byte[] key) {
        return writes.containsKey(key) ? writes.get(key) : snapshot.data().get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        writes.put(key.clone(), value.clone());
    }

    @Override
    public boolean delete(byte[] key) {
        checkWritable();
        ByteKeys.checkKey(key);
        boolean present = view(key) != null;
        writes.put(key.clone(), null);
        return present;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        checkOpen();
        // The own writes are copied so that writing while a cursor is open cannot break the cursor's iteration.
        NavigableMap<byte[], byte[]> ownWrites = new TreeMap<>(slice(writes, range));
        return new MergingCursor(slice(snapshot.data(), range), ownWrites, reverse);
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
        checkOpen();
        finished = true;
        if (mode == TransactionMode.READ_ONLY) {
            return snapshot.version(); // nothing to apply, nothing registered
        }
        if (writes.isEmpty()) {
            engine.release(snapshot);
            return snapshot.version();
        }
        return engine.commit(snapshot, writes);
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        writes.clear();
        if (mode == TransactionMode.READ_WRITE) {
            engine.release(snapshot);
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the transaction is already committed or aborted");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("a read-only transaction cannot write");
        }
    }
}
