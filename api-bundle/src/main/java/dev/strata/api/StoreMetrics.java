package dev.strata.api;

import java.util.Map;

/**
 * A store's figures as of one moment, as its engine reports them. A figure the engine does not track is {@code -1}.
 *
 * @param keys            live keys (exact or estimated, as the engine knows them)
 * @param memoryBytes     bytes of heap the engine holds for data
 * @param diskBytes       bytes of all the store's files
 * @param walBytes        bytes of write-ahead log not yet checkpointed
 * @param cacheHits       reads served from the engine's cache since the store opened
 * @param cacheMisses     reads that went past the cache since the store opened
 * @param compactionState {@code idle}, {@code running}, {@code paused} or {@code n/a}
 * @param extra           engine-specific figures by name
 * @param takenAt         when the figures were read, epoch milliseconds
 */
public record StoreMetrics(long keys, long memoryBytes, long diskBytes, long walBytes, long cacheHits,
        long cacheMisses, String compactionState, Map<String, Number> extra, long takenAt) {

    public StoreMetrics {
        compactionState = compactionState == null ? "n/a" : compactionState;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** Hits over lookups since the store opened, or {@code NaN} without lookups or a cache. */
    public double cacheHitRate() {
        long lookups = cacheHits + cacheMisses;
        return cacheHits < 0 || cacheMisses < 0 || lookups == 0 ? Double.NaN : (double) cacheHits / lookups;
    }
}
