package dev.strata.core.internal;

import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

/**
 * The engine of a store defined {@value StoreDefinition#READ_ONLY}: reads pass through, every write transaction is
 * refused with {@link ReadOnlyException}, and neither core's housekeeping nor an operator's checkpoint or compaction
 * touches its files, so they stay exactly as the last writable engine left them (a migration that froze the store
 * may switch back to them).
 */
final class ReadOnlyEngine implements StorageEngine {

    private final String store;
    private final StorageEngine engine;

    ReadOnlyEngine(String store, StorageEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        refuseWrites(mode);
        return engine.begin(mode);
    }

    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        refuseWrites(mode);
        return engine.begin(mode, isolation);
    }

    private void refuseWrites(TransactionMode mode) {
        if (mode != TransactionMode.READ_ONLY) {
            throw new ReadOnlyException(readOnlyReason());
        }
    }

    @Override
    public EngineMetrics metrics() {
        return engine.metrics();
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String readOnlyReason() {
        return "store '" + store + "' is defined " + StoreDefinition.READ_ONLY + "=true: it refuses writes";
    }

    @Override
    public void checkpoint() {
        throw new ReadOnlyException(readOnlyReason() + " and is not checkpointed");
    }

    @Override
    public void compact() {
        throw new ReadOnlyException(readOnlyReason() + " and is not compacted");
    }

    @Override
    public VerifyResult verify() {
        return engine.verify();
    }

    @Override
    public void close() {
        engine.close();
    }
}
