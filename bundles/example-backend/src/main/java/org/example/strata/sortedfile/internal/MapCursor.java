package org.example.strata.sortedfile.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.support.TransactionState;

/**
 * A cursor over a slice of one committed (immutable) map, either direction. The transaction's own writes are laid
 * over it by the SPI's {@link dev.strata.api.spi.support.OverlayCursor}. Hands out copies: the map's arrays are the
 * store's.
 */
final class MapCursor implements EngineCursor {

    private final Iterator<Map.Entry<byte[], byte[]>> entries;
    private final TransactionState transaction;
    private Map.Entry<byte[], byte[]> current;
    private boolean closed;

    MapCursor(NavigableMap<byte[], byte[]> slice, boolean reverse, TransactionState transaction) {
        this.entries = (reverse ? slice.descendingMap() : slice).entrySet().iterator();
        this.transaction = transaction;
    }

    @Override
    public boolean next() {
        check();
        transaction.checkReadable();
        current = entries.hasNext() ? entries.next() : null;
        return current != null;
    }

    @Override
    public byte[] key() {
        return entry().getKey().clone();
    }

    @Override
    public byte[] value() {
        return entry().getValue().clone();
    }

    private Map.Entry<byte[], byte[]> entry() {
        check();
        if (current == null) {
            throw new IllegalStateException("the cursor is not on an entry: call next() first and check its result");
        }
        return current;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
