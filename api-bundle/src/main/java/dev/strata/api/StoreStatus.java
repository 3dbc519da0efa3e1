package dev.strata.api;

/** Whether a store can serve requests. */
public enum StoreStatus {
    /** Open and serving reads and writes. */
    ONLINE,
    /** Open for reads only: the engine met a failure it will not paper over (failed fsync, corruption). */
    READ_ONLY,
    /**
     * Its engine is being opened (recovering its log, or waiting for a service its backend needs that is still
     * starting). Operations wait a moment for it and then throw {@link StoreUnavailableException}; it becomes
     * {@link #ONLINE}, {@link #READ_ONLY} or {@link #UNAVAILABLE} when the open ends.
     */
    OPENING,
    /** Defined, but its backend is not installed (or failed to open the store); operations throw {@link StoreUnavailableException}. */
    UNAVAILABLE,
    /**
     * Its backend is unavailable (or back, with writes still to replay) and its fallback store takes its writes: each
     * commit is journaled in the fallback and replayed into the store, in order, when its backend returns. Reads of
     * keys written since are served from the journal; other reads are served by the store's own engine while it is
     * open and throw {@link StoreUnavailableException} while it is not. The message gives the journal's size.
     *
     * @since 1.2
     */
    FALLBACK
}
