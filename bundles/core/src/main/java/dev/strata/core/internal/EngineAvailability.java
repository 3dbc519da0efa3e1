package dev.strata.core.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.spi.StorageEngine;

/**
 * Asks each open engine whether it can reach its data ({@link StorageEngine#unavailableReason()}): on the catalog
 * timer every {@value #CHECK_MILLIS} ms, and at once after an operation failed with
 * {@link dev.strata.api.StoreUnavailableException}. The question runs as a step of the store's lifecycle queue,
 * like every other engine call core makes outside an operation, so it never meets the engine's open or close. While
 * the answer is not empty the store shows UNAVAILABLE with it and operations fail fast; the engine stays open and
 * the store is ONLINE again as soon as the answer is empty (no reopen, no retry delay).
 */
final class EngineAvailability {

    static final long CHECK_MILLIS = 2_000;

    private final StoreCatalog.Events events;

    EngineAvailability(StoreCatalog.Events events) {
        this.events = events;
    }

    /** Checks every open store on the catalog's timer, every {@value #CHECK_MILLIS} ms. */
    void start(ScheduledExecutorService timer, Collection<StoreLifecycle> stores) {
        timer.scheduleWithFixedDelay(() -> queueChecks(stores), CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Wires the store so that an operation's StoreUnavailableException queues a check. */
    void watch(StoreLifecycle life) {
        life.store.whenEngineUnavailable(() -> queueCheck(life));
    }

    /** The timer's tick: queues a check for every store whose engine is open. */
    void queueChecks(Collection<StoreLifecycle> stores) {
        for (StoreLifecycle life : stores) {
            if (life.store.engine().isPresent()) {
                queueCheck(life);
            }
        }
    }

    /** Queues one check unless one is already waiting (a burst of failures asks once). */
    void queueCheck(StoreLifecycle life) {
        if (life.availabilityQueued) {
            return;
        }
        life.availabilityQueued = true;
        life.submit(() -> {
            life.availabilityQueued = false;
            check(life);
        });
    }

    /** Asks the open engine and records its answer (inside the store's lifecycle queue). */
    void check(StoreLifecycle life) {
        Optional<StorageEngine> engine = life.store.engine();
        if (engine.isEmpty()) {
            return;
        }
        String reason;
        try {
            reason = engine.get().unavailableReason();
        } catch (RuntimeException e) {
            reason = "its engine cannot tell whether it reaches its data: " + e;
        }
        reason = reason == null ? "" : reason.trim();
        String before = life.store.engineUnavailableReason();
        if (reason.equals(before)) {
            life.store.statusWatch().check(); // an engine that went read-only after a failure is told here
            return;
        }
        life.store.engineAvailability(reason);
        if (reason.isEmpty()) {
            events.info("Store '" + life.name() + "' is served again: its engine reaches its data");
        } else if (before.isEmpty()) {
            events.error("Store '" + life.name() + "' is UNAVAILABLE: " + reason
                    + " (its engine stays open; the store is served again when it reaches its data)", null);
        }
    }
}
