package dev.strata.backend.memory.internal;

import dev.strata.api.InvalidArgumentException;
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
        if (mode == null) {
            throw new InvalidArgumentException("transaction mode must not be null");
        }
        return data.begin(mode);
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
