package dev.strata.api.spi;

import java.util.Map;

/**
 * Figures only the engine knows, as of one moment. Counters are totals since the engine opened; a figure the
 * engine does not track is {@code -1}.
 *
 * @param keys            live keys (exact or estimated)
 * @param memoryBytes     bytes of heap the engine holds for data
 * @param diskBytes       bytes of all the store's files
 * @param walBytes        bytes of write-ahead log (or log, for a log-structured engine) not yet checkpointed
 * @param cacheHits       reads served from the engine's cache
 * @param cacheMisses     reads that went past the cache
 * @param compactionState what compaction is doing: {@code idle}, {@code running}, {@code paused}, or {@code n/a}
 * @param extra           engine-specific figures by name (for example {@code segments}, {@code writeAmplification})
 */
public record EngineMetrics(long keys, long memoryBytes, long diskBytes, long walBytes, long cacheHits,
        long cacheMisses, String compactionState, Map<String, Number> extra) {

    public EngineMetrics {
        compactionState = compactionState == null ? "n/a" : compactionState;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** Hits over lookups, or {@code NaN} before the first lookup or when the engine has no cache. */
    public double cacheHitRate() {
        long lookups = cacheHits + cacheMisses;
        return cacheHits < 0 || cacheMisses < 0 || lookups == 0 ? Double.NaN : (double) cacheHits / lookups;
    }
}
