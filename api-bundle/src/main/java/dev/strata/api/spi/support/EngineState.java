package dev.strata.api.spi.support;

import dev.strata.api.ReadOnlyException;
import dev.strata.api.StoreUnavailableException;

/**
 * Whether an engine is open, and whether it went read-only (safe mode) and why, with the typed errors the SPI asks
 * for: work on a closed engine is {@link StoreUnavailableException}, a write on a read-only engine is
 * {@link ReadOnlyException}. Thread-safe.
 */
public final class EngineState {

    private final String storeName;
    private volatile boolean closed;
    private volatile String readOnlyReason;

    /** @param storeName the store's name, for messages */
    public EngineState(String storeName) {
        this.storeName = storeName;
    }

    public String storeName() {
        return storeName;
    }

    /** @throws StoreUnavailableException once the engine is closed */
    public void checkOpen() {
        if (closed) {
            throw new StoreUnavailableException("store '" + storeName + "' is closed");
        }
    }

    /**
     * @throws StoreUnavailableException once the engine is closed
     * @throws ReadOnlyException         while the engine is read-only, with the reason
     */
    public void checkWritable() {
        checkOpen();
        String reason = readOnlyReason;
        if (reason != null) {
            throw new ReadOnlyException(reason);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Marks the engine closed.
     *
     * @return true for the first call only, so that {@code close()} stays idempotent:
     *         {@code if (!state.close()) return;}
     */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Turns the engine read-only (safe mode); the first reason is kept. */
    public synchronized void enterReadOnly(String reason) {
        if (readOnlyReason == null) {
            readOnlyReason = reason == null ? "store '" + storeName + "' is read-only" : reason;
        }
    }

    public boolean isReadOnly() {
        return readOnlyReason != null;
    }

    /** Why the engine is read-only, or {@code null} while it accepts writes. */
    public String readOnlyReason() {
        return readOnlyReason;
    }
}
