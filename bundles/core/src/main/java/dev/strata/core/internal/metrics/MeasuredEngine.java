package dev.strata.core.internal.metrics;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.ForwardingEngine;

/**
 * An engine with every transaction measured ({@link MeasuredTransaction}). Everything else passes straight
 * through ({@link ForwardingEngine}).
 */
public final class MeasuredEngine extends ForwardingEngine {

    private final StoreMeter meter;

    public MeasuredEngine(StorageEngine engine, StoreMeter meter) {
        super(engine);
        this.meter = meter;
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return new MeasuredTransaction(engine.begin(mode), meter);
    }

    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        return new MeasuredTransaction(engine.begin(mode, isolation), meter);
    }
}
