package dev.strata.core.internal;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import dev.strata.api.BackendInfo;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.cache.CachedEngine;
import dev.strata.core.internal.metrics.MeasuredEngine;
import dev.strata.core.internal.metrics.StoreMeter;

/**
 * An engine a store has open, with the gate that keeps it open while operations run inside it.
 *
 * @param store   the store's name, for messages
 * @param engine  the open engine
 * @param backend the backend that opened it
 * @param records how the store's values are read and written (record format, expiry, clock)
 * @param changes where its commits report their changes
 * @param journal the store's change feed in this engine ({@link ChangeJournal#OFF} when it keeps none)
 * @param gate    counts the operations inside
 * @param onUnavailable told when an operation failed with StoreUnavailableException while the engine is open, so
 *                      that core asks the engine's {@link StorageEngine#unavailableReason()} at once
 */
record OpenEngine(String store, StorageEngine engine, BackendInfo backend, ValueRecords records, ChangeFeed changes,
        ChangeJournal journal, EngineGate gate, Runnable onUnavailable) {

    /**
     * Settles the record format of an engine just opened ({@link StoreFormat}), finds its change feed and stacks
     * core's decorators over it (read-only, read cache, metering). Closes the engine when that fails.
     */
    static OpenEngine over(StoreDefinition definition, StorageEngine engine, BackendInfo info, Clock clock,
            RecordSettings settings, StoreMeter meter, ChangeFeed changes, Runnable onUnavailable) {
        ValueRecords records;
        ChangeJournal journal;
        try {
            records = StoreFormat.settle(definition.name(), engine, clock, settings.defaultTtlMillis());
            journal = ChangeJournal.open(definition.name(), engine, settings.feedRetain(), settings.feedAgeMillis(),
                    clock.millis());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        StorageEngine guarded = definition.readOnly() ? new ReadOnlyEngine(definition.name(), engine) : engine;
        StorageEngine served = settings.readCacheBytes() > 0
                ? new CachedEngine(guarded, settings.readCacheBytes()) : guarded;
        // metrics = "off": no metering decorator (its cost measured by benchmarks' MetricsCostBenchmark)
        boolean metered = !"off".equals(String.valueOf(definition.properties().get(ManagedStore.METRICS)).trim());
        return new OpenEngine(definition.name(), metered ? new MeasuredEngine(served, meter) : served, info, records,
                changes, journal, new EngineGate(), onUnavailable);
    }

    /** @return false when the engine is closing */
    boolean enter() {
        return gate.enter();
    }

    void leave() {
        gate.leave();
    }

    /**
     * Begins an engine transaction on behalf of a caller that has entered, at the weakest level the backend
     * declares that gives what was asked for.
     *
     * @throws InvalidArgumentException when the backend declares no such level (the caller has left then)
     */
    ManagedTransaction begin(TransactionMode mode, IsolationLevel requested) {
        return begin(mode, requested, false);
    }

    /**
     * As {@link #begin(TransactionMode, IsolationLevel)}; {@code deferred}: the engine may take the snapshot with the
     * transaction's first operation ({@link StorageEngine#beginDeferred}), for a single-call write only.
     */
    ManagedTransaction begin(TransactionMode mode, IsolationLevel requested, boolean deferred) {
        try {
            // while older-format values are upgraded, a transaction must judge each value's format in the snapshot it
            // reads the value in (RecordView): read committed is served at snapshot isolation meanwhile
            IsolationLevel level = levelFor(requested == IsolationLevel.READ_COMMITTED && records.upgrading()
                    ? IsolationLevel.SNAPSHOT : requested);
            return new ManagedTransaction(this,
                    deferred ? engine.beginDeferred(mode, level) : engine.begin(mode, level));
        } catch (RuntimeException e) {
            leave();
            throw translate(e);
        }
    }

    private IsolationLevel levelFor(IsolationLevel requested) {
        for (IsolationLevel level : IsolationLevel.values()) {
            if (level.satisfies(requested) && backend.capabilities().supports(level)) {
                return level;
            }
        }
        throw new InvalidArgumentException("store '" + store + "': backend '" + backend.type() + "' does not provide "
                + requested + " isolation (it provides " + backend.capabilities().isolation() + ")");
    }

    /**
     * Waits for the operations inside to leave, then closes the engine: everything committed is durable
     * afterwards. Transactions still open after the grace period are aborted by the engine's close.
     *
     * @return how many operations were still inside when the grace period ended
     */
    int close(long graceMillis) {
        int abandoned;
        try {
            abandoned = gate.closeAndAwait(graceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = -1;
        }
        engine.close();
        return abandoned;
    }

    /**
     * An engine failure as the caller should see it. Once the engine is closing, any failure is reported as
     * unavailability: the operation applied nothing, and the caller should wait for the backend, not fix its input.
     */
    RuntimeException translate(RuntimeException failure) {
        if (gate.isClosing() && !(failure instanceof StoreUnavailableException)) {
            return new StoreUnavailableException("store '" + store + "' was closed while the operation ran: "
                    + "backend '" + backend.type() + "' went away", failure);
        }
        if (failure instanceof StoreUnavailableException) {
            onUnavailable.run();
        }
        return Failures.translate(store, failure);
    }
}
