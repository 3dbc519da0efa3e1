package dev.strata.core.internal;

import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.ConflictException;
import dev.strata.api.spi.StorageEngine;

/**
 * Drives the online upgrade of one open store's older-format values ({@link StoreFormat#step}) in bounded runs from
 * core's maintenance, and keeps its figures: {@code format.upgrading} (1 while values may be raw),
 * {@code format.upgraded} (values wrapped since the store opened) and {@code format.upgradeConflicts} (batches a
 * writer won; they run again).
 */
final class FormatUpgrade {

    private final AtomicLong upgraded = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    /**
     * Runs batches until the store is in format 2, a writer wins a batch, or the time budget is spent.
     *
     * @param engine the engine as the store serves it (the read cache, if any, sees every commit)
     * @return how many values this run wrapped
     */
    long run(StorageEngine engine, ValueRecords records, long budgetMillis) {
        if (!records.upgrading()) {
            return 0;
        }
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        long wrapped = 0;
        do {
            StoreFormat.Step step;
            try {
                step = StoreFormat.step(records.store(), engine, records.now());
            } catch (ConflictException e) {
                conflicts.incrementAndGet(); // a writer committed one of the batch's keys first; run it again later
                break;
            }
            wrapped += step.wrapped();
            upgraded.addAndGet(step.wrapped());
            if (step.finished()) {
                records.upgradeFinished();
                break;
            }
        } while (System.nanoTime() < deadline);
        return wrapped;
    }

    long upgraded() {
        return upgraded.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    /** The store's status message while it upgrades (it is ONLINE meanwhile), or empty. */
    String note(ValueRecords records) {
        if (!records.upgrading()) {
            return "";
        }
        return records.writable()
                ? "upgrading its older-format values in the background (" + upgraded.get() + " done so far)"
                : "holds older-format values it cannot upgrade while its engine is read-only";
    }
}
