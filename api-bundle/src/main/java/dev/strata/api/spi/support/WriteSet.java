package dev.strata.api.spi.support;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.function.Function;

import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.KeyRange;

/**
 * The writes a transaction has made and not yet committed, in key order: a value per put key, a tombstone per
 * deleted key. The newest write of a key replaces the earlier ones. Keys and values are copied on the way in, so a
 * caller reusing its arrays cannot change the transaction.
 * <p>
 * <b>Deletes are writes.</b> A delete always leaves a tombstone, whether or not the key existed, and a put followed
 * by a delete of the same key leaves a tombstone too. The conflict rule of
 * {@link dev.strata.api.spi.EngineTransaction} depends on it: a tombstone conflicts like any other write.
 * <p>
 * Reads of the transaction's view go through {@link #read} (own writes first, then the snapshot) and range reads
 * through {@link #overlay}. Not thread-safe.
 */
public final class WriteSet {

    // null value = tombstone (TreeMap allows null values; the view handed out keeps that meaning)
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(ByteKeys.ORDER);

    /** Records a put (copies key and value). */
    public void put(byte[] key, byte[] value) {
        writes.put(key.clone(), value.clone());
    }

    /** Records a delete: a tombstone, whether or not the key exists (copies the key). */
    public void delete(byte[] key) {
        writes.put(key.clone(), null);
    }

    /** Whether this transaction wrote (put or deleted) the key. */
    public boolean isWritten(byte[] key) {
        return writes.containsKey(key);
    }

    /** Whether this transaction's newest write of the key is a delete. */
    public boolean isDeleted(byte[] key) {
        return writes.containsKey(key) && writes.get(key) == null;
    }

    /**
     * The key's value in this transaction's view: its own write when it wrote the key ({@code null} for a delete),
     * otherwise what {@code snapshot} returns. The array is not copied: copy it before handing it out.
     */
    public byte[] read(byte[] key, Function<byte[], byte[]> snapshot) {
        if (writes.containsKey(key)) {
            return writes.get(key);
        }
        return snapshot.apply(key);
    }

    /**
     * Every write in key order, read-only; a {@code null} value is a delete. The arrays are the write set's own:
     * an engine that keeps them after commit owns them then (the write set is discarded with its transaction).
     */
    public NavigableMap<byte[], byte[]> entries() {
        return Collections.unmodifiableNavigableMap(writes);
    }

    /** The written keys in order (puts and deletes), read-only: what conflict checks compare. */
    public NavigableSet<byte[]> keys() {
        return Collections.unmodifiableNavigableSet(writes.navigableKeySet());
    }

    public int size() {
        return writes.size();
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Drops every write (abort). */
    public void clear() {
        writes.clear();
    }

    /**
     * A cursor over the range in this transaction's view: {@code snapshot} (a cursor over the same range and
     * direction on the committed data, without this transaction's writes) merged with the writes, which win on
     * equal keys; tombstones hide keys. Writes made while the cursor is open are seen if they lie ahead of it.
     * Closing the overlay closes {@code snapshot}.
     */
    public OverlayCursor overlay(EngineCursor snapshot, KeyRange range, boolean reverse) {
        return new OverlayCursor(snapshot, writes, range, reverse);
    }
}
