package dev.strata.api;

/** Whether a store can serve requests. */
public enum StoreStatus {
    /** Open and serving reads and writes. */
    ONLINE,
    /** Open for reads only: the engine met a failure it will not paper over (failed fsync, corruption). */
    READ_ONLY,
    /** Defined, but its backend is not installed (or failed to open the store); operations throw {@link StoreUnavailableException}. */
    UNAVAILABLE
}
