package dev.strata.core.internal;

import java.nio.file.Path;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

/**
 * The base of core's engine decorators (metering, the read cache, read-only stores): every method of
 * {@link StorageEngine}, default ones included, is forwarded, so the engine's own versions are the ones that run
 * and a decorator overrides only what it changes. A decorator written without it silently hides a default method
 * the engine overrides (its unavailability, say) behind the interface's default.
 */
public abstract class ForwardingEngine implements StorageEngine {

    protected final StorageEngine engine;

    protected ForwardingEngine(StorageEngine engine) {
        this.engine = engine;
    }

    /** The engine decorated. */
    public StorageEngine unwrap() {
        return engine;
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return engine.begin(mode);
    }

    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        return engine.begin(mode, isolation);
    }

    @Override
    public EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
        return engine.beginDeferred(mode, isolation);
    }

    @Override
    public byte[] get(byte[] key) {
        return engine.get(key);
    }

    @Override
    public String unavailableReason() {
        return engine.unavailableReason();
    }

    @Override
    public EngineMetrics metrics() {
        return engine.metrics();
    }

    @Override
    public boolean isReadOnly() {
        return engine.isReadOnly();
    }

    @Override
    public String readOnlyReason() {
        return engine.readOnlyReason();
    }

    @Override
    public boolean wantsCompaction() {
        return engine.wantsCompaction();
    }

    @Override
    public void checkpoint() {
        engine.checkpoint();
    }

    @Override
    public void compact() {
        engine.compact();
    }

    @Override
    public void snapshot(Path target) {
        engine.snapshot(target);
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
