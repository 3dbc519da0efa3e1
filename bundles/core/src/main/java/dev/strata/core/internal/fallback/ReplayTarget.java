package dev.strata.core.internal.fallback;

/** The primary store, as a replay writes into it. */
@FunctionalInterface
public interface ReplayTarget {

    /**
     * Applies the entry's writes to the primary and records {@code (journal id, seq)} as the journal's watermark, in
     * one transaction of the primary; does nothing when the watermark of that journal is already at or past
     * {@code seq} (the entry was applied before a crash or a failure kept it in the journal).
     *
     * @return false when the entry had been applied already
     * @throws dev.strata.api.StoreUnavailableException when the primary's engine is not available
     */
    boolean apply(FallbackJournal.Entry entry);
}
