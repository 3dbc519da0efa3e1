package dev.strata.backend.postgres.internal;

import java.util.List;
import java.util.Map;

import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineCursor;

/**
 * A transaction's view of a range: the server's rows merged with the writes the transaction still holds, which win
 * on equal keys (a held delete hides the server's row).
 */
final class MergedCursor implements EngineCursor {

    private final RangeCursor server;
    private final List<Map.Entry<byte[], byte[]>> writes;
    private final int direction;
    private final Runnable checkOpen;
    private int nextWrite;
    private boolean serverHasRow;
    private boolean serverStarted;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    /** {@code checkOpen} throws when the engine has closed (the transaction's connection is gone then). */
    MergedCursor(RangeCursor server, List<Map.Entry<byte[], byte[]>> writes, boolean reverse, Runnable checkOpen) {
        this.server = server;
        this.writes = writes;
        this.direction = reverse ? -1 : 1;
        this.checkOpen = checkOpen;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        checkOpen.run();
        if (!serverStarted) {
            serverHasRow = server.next();
            serverStarted = true;
        }
        while (true) {
            Map.Entry<byte[], byte[]> write = nextWrite < writes.size() ? writes.get(nextWrite) : null;
            if (write == null && !serverHasRow) {
                key = null;
                value = null;
                return false;
            }
            int order = write == null ? -1 : !serverHasRow ? 1
                    : direction * ByteKeys.ORDER.compare(server.key(), write.getKey());
            if (order < 0) {
                key = server.key();
                value = server.value();
                serverHasRow = server.next();
                return true;
            }
            nextWrite++;
            if (order == 0) {
                serverHasRow = server.next();
            }
            if (write.getValue() != WriteSet.DELETED) {
                key = write.getKey();
                value = write.getValue();
                return true;
            }
        }
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }
}
