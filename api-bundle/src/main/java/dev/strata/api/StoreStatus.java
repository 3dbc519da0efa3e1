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
    UNAVAILABLE
}
