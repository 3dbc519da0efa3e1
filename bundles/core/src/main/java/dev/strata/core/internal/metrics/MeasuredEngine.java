package dev.strata.core.internal.metrics;

import java.nio.file.Path;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

/**
 * An engine with every transaction measured ({@link MeasuredTransaction}). Everything else passes straight
 * through; each method of {@link StorageEngine}, default ones included, is forwarded so the engine's own versions
 * are the ones that run.
 */
public final class MeasuredEngine implements StorageEngine {

    private final StorageEngine engine;
    private final StoreMeter meter;

    public MeasuredEngine(StorageEngine engine, StoreMeter meter) {
        this.engine = engine;
        this.meter = meter;
    }

    /** The engine measured. */
    public StorageEngine unwrap() {
        return engine;
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return new MeasuredTransaction(engine.begin(mode), meter);
    }

    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        return new MeasuredTransaction(engine.begin(mode, isolation), meter);
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
    public String unavailableReason() {
        return engine.unavailableReason();
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
