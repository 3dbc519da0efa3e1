package dev.strata.core.internal.metrics;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.ForwardingEngine;

/**
 * An engine with every transaction measured ({@link MeasuredTransaction}), and every one-shot {@link #get} counted
 * and (sampled) timed as a get. Everything else passes straight through ({@link ForwardingEngine}).
 * <p>
 * The one-shot get is the hottest path of a store ({@code Store.get}), so it is measured here without a transaction
 * wrapper of its own: no allocation, the get meter held in a field, one striped counter increment, and the clock read
 * only for the one read in {@value StoreMeter#READ_SAMPLE} that is timed.
 */
public final class MeasuredEngine extends ForwardingEngine {

    private final StoreMeter meter;
    private final OperationMeter gets;

    public MeasuredEngine(StorageEngine engine, StoreMeter meter) {
        super(engine);
        this.meter = meter;
        this.gets = meter.meter(Operation.GET);
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
    public EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
        return new MeasuredTransaction(engine.beginDeferred(mode, isolation), meter);
    }

    @Override
    public byte[] get(byte[] key) {
        gets.counted();
        if (!StoreMeter.sampleRead()) {
            try {
                return engine.get(key);
            } catch (RuntimeException e) {
                meter.failed(Operation.GET, e);
                throw e;
            }
        }
        long start = System.nanoTime();
        try {
            return engine.get(key);
        } catch (RuntimeException e) {
            meter.failed(Operation.GET, e);
            throw e;
        } finally {
            gets.timed(System.nanoTime() - start);
        }
    }
}
