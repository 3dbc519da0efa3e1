package dev.strata.core.internal;

import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

/**
 * The engine of a store defined {@value StoreDefinition#READ_ONLY}: reads pass through, every write transaction is
 * refused with {@link ReadOnlyException}, and neither core's housekeeping nor an operator's checkpoint or compaction
 * touches its files, so they stay exactly as the last writable engine left them (a migration that froze the store
 * may switch back to them).
 */
final class ReadOnlyEngine extends ForwardingEngine {

    private final String store;

    ReadOnlyEngine(String store, StorageEngine engine) {
        super(engine);
        this.store = store;
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

    @Override
    public EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
        refuseWrites(mode);
        return engine.beginDeferred(mode, isolation);
    }

    private void refuseWrites(TransactionMode mode) {
        if (mode != TransactionMode.READ_ONLY) {
            throw new ReadOnlyException(readOnlyReason());
        }
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
    public boolean wantsCompaction() {
        return false; // its files stay as the last writable engine left them
    }

    @Override
    public void snapshot(java.nio.file.Path target) {
        // a native snapshot may write to the engine's own files first; a logical backup reads only
        throw new UnsupportedOperationException(readOnlyReason() + "; back it up logically");
    }
}
