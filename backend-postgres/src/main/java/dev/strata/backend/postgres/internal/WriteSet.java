package dev.strata.backend.postgres.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.KeyRange;

/**
 * A transaction's writes not yet sent to the server, in key order. Writes wait here until commit (or until the set
 * grows past its budget) so that an open transaction holds no row locks: a second transaction writing the same key
 * never waits on one that has not started committing, and conflicts surface at commit as the SPI promises.
 */
final class WriteSet {

    /** The value recorded for a deleted key; compared by identity. */
    static final byte[] DELETED = new byte[0];

    private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(ByteKeys.ORDER);
    private long bytes;

    boolean isEmpty() {
        return writes.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /** Records a put (the caller's arrays are copied). */
    void put(byte[] key, byte[] value) {
        record(key.clone(), value.clone());
    }

    void delete(byte[] key) {
        record(key.clone(), DELETED);
    }

    private void record(byte[] key, byte[] value) {
        byte[] previous = writes.put(key, value);
        bytes += value.length + (previous == null ? key.length : -previous.length);
    }

    /** Whether the key was written here; then {@link #value} tells what. */
    boolean contains(byte[] key) {
        return writes.containsKey(key);
    }

    /** The written value, or {@code null} for a delete (only meaningful when {@link #contains}). */
    byte[] value(byte[] key) {
        byte[] value = writes.get(key);
        return value == DELETED || value == null ? null : value.clone();
    }

    /** The writes inside a range, in cursor order, as a copy the cursor keeps while the set changes. */
    List<Map.Entry<byte[], byte[]>> inRange(KeyRange range, boolean reverse) {
        NavigableMap<byte[], byte[]> view = writes;
        if (range.lower() != null && range.upper() != null) {
            view = writes.subMap(range.lower(), true, range.upper(), false);
        } else if (range.lower() != null) {
            view = writes.tailMap(range.lower(), true);
        } else if (range.upper() != null) {
            view = writes.headMap(range.upper(), false);
        }
        return new ArrayList<>((reverse ? view.descendingMap() : view).entrySet());
    }

    /** Everything, in key order (the order rows are locked in, so that two committers cannot deadlock), then empty. */
    List<Map.Entry<byte[], byte[]>> drain() {
        List<Map.Entry<byte[], byte[]>> all = new ArrayList<>(writes.entrySet());
        writes.clear();
        bytes = 0;
        return all;
    }
}
