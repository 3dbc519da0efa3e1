package dev.strata.backend.file.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.read.MergingIterator;

/**
 * A transaction: reads from its snapshot (sequence number and view, taken at begin) overlaid with its own writes,
 * which it buffers until commit. Used by one thread at a time.
 */
final class FileTransaction implements EngineTransaction {

    private final FileEngine engine;
    private final TransactionMode mode;
    private final Views.Snapshot snapshot;
    /** Own writes: key to value, {@code null} for a delete. */
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
    private boolean finished;
    private volatile boolean abandoned;
    /** For the engine's set of open transactions: an identity hash costs a header update on every begin. */
    private final int hash = ThreadLocalRandom.current().nextInt();

    FileTransaction(FileEngine engine, TransactionMode mode, Views.Snapshot snapshot) {
        this.engine = engine;
        this.mode = mode;
        this.snapshot = snapshot;
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    /** The log sequence number of the newest commit visible to this snapshot (log sequences survive restarts). */
    @Override
    public long snapshotSequence() {
        return snapshot.seq();
    }

    private void checkActive() {
        if (abandoned) {
            throw new dev.strata.api.StoreUnavailableException("the store was closed; this transaction was aborted");
        }
        if (finished) {
            throw new IllegalStateException("the transaction is finished (committed or aborted)");
        }
    }

    /** A cursor outlives neither its engine nor its transaction. */
    private void checkOpenForCursor() {
        if (abandoned) {
            throw new dev.strata.api.StoreUnavailableException("the store was closed; this transaction was aborted");
        }
    }

    private void checkWritable() {
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("a read-only transaction cannot write");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        checkActive();
        ByteKeys.checkKey(key);
        byte[] value = read(key);
        return value == null ? null : value.clone();
    }

    private byte[] read(byte[] key) {
        if (!writes.isEmpty()) {
            Map.Entry<byte[], byte[]> own = writes.ceilingEntry(key);
            if (own != null && Arrays.equals(own.getKey(), key)) {
                return own.getValue();
            }
        }
        return snapshot.view().get(key, snapshot.seq());
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        checkActive();
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            ByteKeys.checkKey(key);
            byte[] value = read(key);
            values.add(value == null ? null : value.clone());
        }
        return values;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkActive();
        checkWritable();
        ByteKeys.checkKey(key);
        ByteKeys.checkValue(value);
        writes.put(key.clone(), value.clone());
    }

    @Override
    public boolean delete(byte[] key) {
        checkActive();
        checkWritable();
        ByteKeys.checkKey(key);
        boolean present = read(key) != null;
        writes.put(key.clone(), null);
        return present;
    }

    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        checkActive();
        byte[] lower = range.lower();
        byte[] upper = range.upper();
        List<EntryIterator> sources = new ArrayList<>();
        if (!writes.isEmpty()) {
            sources.add(new OwnWrites(ownRange(lower, upper, reverse)));
        }
        sources.addAll(snapshot.view().iterators(lower, upper, reverse, snapshot.seq()));
        return new TransactionCursor(new MergingIterator(sources, reverse), this::checkOpenForCursor);
    }

    private Iterator<Map.Entry<byte[], byte[]>> ownRange(byte[] lower, byte[] upper, boolean reverse) {
        NavigableMap<byte[], byte[]> range = writes;
        if (lower != null && upper != null) {
            range = writes.subMap(lower, true, upper, false);
        } else if (lower != null) {
            range = writes.tailMap(lower, true);
        } else if (upper != null) {
            range = writes.headMap(upper, false);
        }
        // a copy: the transaction may write while the cursor is open
        return new ArrayList<>((reverse ? range.descendingMap() : range).entrySet()).iterator();
    }

    @Override
    public long commit() {
        checkActive();
        finished = true;
        try {
            if (mode == TransactionMode.READ_WRITE && !writes.isEmpty()) {
                return engine.commit(snapshot.seq(), writes);
            }
            return snapshot.seq();
        } finally {
            engine.finished(this, snapshot);
        }
    }

    @Override
    public void abort() {
        if (!finished) {
            finished = true;
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

    /** The engine is closing: release the snapshot; later use fails with a clear error. */
    void abandon() {
        abandoned = true;
        abort();
    }

    /** The transaction's own writes as a source for the merge (newest of all). */
    private static final class OwnWrites implements EntryIterator {
        private final Iterator<Map.Entry<byte[], byte[]>> entries;
        private Map.Entry<byte[], byte[]> current;

        OwnWrites(Iterator<Map.Entry<byte[], byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean next() {
            if (!entries.hasNext()) {
                return false;
            }
            current = entries.next();
            return true;
        }

        @Override
        public byte[] key() {
            return current.getKey();
        }

        @Override
        public long seq() {
            return Long.MAX_VALUE;
        }

        @Override
        public byte[] value() {
            return current.getValue();
        }
    }
}
