package dev.strata.backend.memory.internal;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

/**
 * One open memory store. Thin: the data and its rules live in {@link VersionedMap}. Nothing is persisted, so
 * {@link #checkpoint()} has nothing to do and {@link #close()} drops the data.
 */
public final class MemoryEngine implements StorageEngine {

    private final VersionedMap data;

    public MemoryEngine(String storeName, MemorySettings settings) {
        this.data = new VersionedMap(storeName, settings);
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return begin(mode, IsolationLevel.SNAPSHOT);
    }

    /**
     * Snapshot and serializable transactions; a request for read committed gets a snapshot transaction (stronger,
     * and what core asks for anyway, since the backend declares snapshot and serializable only).
     */
    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        if (mode == null) {
            throw new InvalidArgumentException("transaction mode must not be null");
        }
        if (isolation == null) {
            throw new InvalidArgumentException("isolation level must not be null");
        }
        IsolationLevel level = isolation == IsolationLevel.SERIALIZABLE ? isolation : IsolationLevel.SNAPSHOT;
        return data.begin(mode, level);
    }

    @Override
    public EngineMetrics metrics() {
        return data.metrics();
    }

    /** Prunes versions that no open snapshot needs any more (commits do this as they go; this catches up). */
    @Override
    public void compact() {
        data.ensureOpen();
        data.compact();
    }

    @Override
    public void close() {
        data.close();
    }
}
