package dev.strata.core.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import dev.strata.api.StoreUnavailableException;

import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.StorageEngine;

/**
 * Drives an open engine's housekeeping: {@link StorageEngine#checkpoint()} when the store's interval has passed or
 * its log has outgrown {@code wal.max.size}, {@link StorageEngine#compact()} when the engine asks for it, and the
 * purge of expired keys ({@link ExpiryPurge}) when one may be due, the online upgrade of older-format values
 * ({@link FormatUpgrade}), and the change feed's retention
 * ({@link ChangeJournal#trim}). Runs as
 * a step of the store's lifecycle queue, so it never overlaps the engine's close; the engine keeps serving
 * meanwhile. A failure is logged and tried again at a later tick: housekeeping never takes a store down.
 */
final class StoreMaintenance {

    /** How long one maintenance step spends purging expired keys at most (in batches of ExpiryPurge.BATCH). */
    static final long PURGE_BUDGET_MILLIS = 200;

    /** How long one maintenance step spends on the online format upgrade at most (batches of StoreFormat.BATCH). */
    static final long UPGRADE_BUDGET_MILLIS = 300;

    private final StoreCatalog.Events events;

    StoreMaintenance(StoreCatalog.Events events) {
        this.events = events;
    }

    /** The catalog timer's tick: queues a maintenance step for each open store that has something due. */
    void queueDue(Collection<StoreLifecycle> stores) {
        for (StoreLifecycle life : stores) {
            try {
                if (!life.maintenanceQueued && due(life)) {
                    life.maintenanceQueued = true;
                    life.submit(() -> {
                        life.maintenanceQueued = false;
                        run(life);
                    });
                }
            } catch (RuntimeException e) {
                events.error("Store '" + life.name() + "': maintenance check failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs an operator's checkpoint or compaction as a step of the store's queue and waits for it: the step never
     * overlaps an open, a close or the timer's maintenance.
     */
    void runNow(StoreLifecycle life, String what, Consumer<StorageEngine> action) {
        try {
            life.submitForOutcome(() -> {
                StorageEngine engine = life.store.engine().orElseThrow(() -> new StoreUnavailableException(
                        "store '" + life.name() + "' is " + life.store.info().status() + "; cannot " + what));
                if (engine.isReadOnly()) {
                    throw new dev.strata.api.ReadOnlyException("store '" + life.name() + "' refuses writes ("
                            + engine.readOnlyReason() + "); cannot " + what);
                }
                long started = System.nanoTime();
                action.accept(engine);
                if (what.equals("checkpoint")) {
                    life.lastCheckpointNanos = System.nanoTime();
                }
                events.info("Store '" + life.name() + "': " + what + " by an operator done in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Whether anything is due now: cheap, called on the timer thread before a step is queued. */
    boolean due(StoreLifecycle life) {
        Optional<StorageEngine> engine = life.store.engine();
        return engine.isPresent() && (checkpointReason(life, engine.get()) != null
                || wantsCompaction(life, engine.get()) || life.store.purgeDue() || life.store.changeFeedTrimDue()
                || life.store.formatUpgradeDue());
    }

    /** Runs what is due (inside the store's lifecycle queue). */
    void run(StoreLifecycle life) {
        Optional<StorageEngine> open = life.store.engine();
        if (open.isEmpty()) {
            return;
        }
        StorageEngine engine = open.get();
        String reason = checkpointReason(life, engine);
        if (reason != null) {
            try {
                engine.checkpoint();
                events.info("Store '" + life.name() + "' checkpointed (" + reason + ")");
            } catch (RuntimeException e) {
                events.error("Store '" + life.name() + "': checkpoint failed (" + reason + "): " + e.getMessage(), e);
            } finally {
                life.lastCheckpointNanos = System.nanoTime();
            }
        }
        if (life.store.purgeDue()) {
            try {
                life.store.purgeExpired(PURGE_BUDGET_MILLIS);
            } catch (RuntimeException e) {
                events.error("Store '" + life.name() + "': purging expired keys failed: " + e.getMessage(), e);
            }
        }
        if (life.store.formatUpgradeDue()) {
            try {
                life.store.upgradeFormat(UPGRADE_BUDGET_MILLIS);
            } catch (RuntimeException e) {
                events.error("Store '" + life.name() + "': upgrading older-format values failed: " + e.getMessage(), e);
            }
        }
        if (life.store.changeFeedTrimDue()) {
            try {
                life.store.trimChangeFeed(PURGE_BUDGET_MILLIS);
            } catch (RuntimeException e) {
                events.error("Store '" + life.name() + "': trimming the change feed failed: " + e.getMessage(), e);
            }
        }
        if (wantsCompaction(life, engine)) {
            try {
                long started = System.nanoTime();
                engine.compact();
                events.info("Store '" + life.name() + "' compacted, as its engine asked, in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            } catch (RuntimeException e) {
                events.error("Store '" + life.name() + "': compaction failed: " + e.getMessage(), e);
            }
        }
    }

    /** Why a checkpoint is due, or {@code null}. */
    private static String checkpointReason(StoreLifecycle life, StorageEngine engine) {
        MaintenanceSettings settings = life.maintenance;
        if (engine.isReadOnly()) {
            return null; // a read-only engine has nothing to make durable, and may refuse to write
        }
        if (settings.walMaxBytes() > 0) {
            long wal = walBytes(engine);
            if (wal > settings.walMaxBytes()) {
                return "log " + wal + " bytes > wal.max.size " + settings.walMaxBytes();
            }
        }
        long sinceMillis = (System.nanoTime() - life.lastCheckpointNanos) / 1_000_000;
        if (settings.checkpointMillis() > 0 && sinceMillis >= settings.checkpointMillis()) {
            return "checkpoint.interval " + settings.checkpointMillis() + " ms";
        }
        return null;
    }

    private static long walBytes(StorageEngine engine) {
        try {
            EngineMetrics metrics = engine.metrics();
            return metrics == null ? -1 : metrics.walBytes();
        } catch (RuntimeException e) {
            return -1; // an engine that cannot give figures now is checkpointed on its interval only
        }
    }

    private static boolean wantsCompaction(StoreLifecycle life, StorageEngine engine) {
        try {
            return !engine.isReadOnly() && engine.wantsCompaction();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
