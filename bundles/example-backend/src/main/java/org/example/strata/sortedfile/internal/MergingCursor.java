package org.example.strata.sortedfile.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;

/**
 * Walks two sorted maps as one: the snapshot and the transaction's own writes, both already cut to the cursor's
 * range. On equal keys the own write wins; an own write of {@code null} (a delete) hides the key. This is the classic
 * merge step of merge sort, which is all a cursor over "committed data plus pending changes" needs.
 */
final class MergingCursor implements EngineCursor {

    private final Iterator<Map.Entry<byte[], byte[]>> committed;
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private final Comparator<byte[]> order;
    private Map.Entry<byte[], byte[]> nextCommitted;
    private Map.Entry<byte[], byte[]> nextOwn;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    MergingCursor(NavigableMap<byte[], byte[]> committed, NavigableMap<byte[], byte[]> own, boolean reverse) {
        this.committed = (reverse ? committed.descendingMap() : committed).entrySet().iterator();
        this.own = (reverse ? own.descendingMap() : own).entrySet().iterator();
        this.order = reverse ? ByteKeys.ORDER.reversed() : ByteKeys.ORDER;
        this.nextCommitted = advance(this.committed);
        this.nextOwn = advance(this.own);
    }

    private static Map.Entry<byte[], byte[]> advance(Iterator<Map.Entry<byte[], byte[]>> entries) {
        return entries.hasNext() ? entries.next() : null;
    }

    @Override
    public boolean next() {
        while (!closed && (nextCommitted != null || nextOwn != null)) {
            int comparison = nextCommitted == null ? 1
                    : nextOwn == null ? -1 : order.compare(nextCommitted.getKey(), nextOwn.getKey());
            Map.Entry<byte[], byte[]> current;
            if (comparison < 0) {
                current = nextCommitted;
                nextCommitted = advance(committed);
            } else {
                if (comparison == 0) {
                    nextCommitted = advance(committed); // shadowed by the own write
                }
                current = nextOwn;
                nextOwn = advance(own);
            }
            if (current.getValue() != null) {
                key = current.getKey();
                value = current.getValue();
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        return current(key).clone();
    }

    @Override
    public byte[] value() {
        return current(value).clone();
    }

    private static byte[] current(byte[] field) {
        if (field == null) {
            throw new IllegalStateException("the cursor is not on an entry: call next() first and check its result");
        }
        return field;
    }

    @Override
    public void close() {
        closed = true;
    }
}
