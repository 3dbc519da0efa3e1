package dev.strata.console.client;

/**
 * One store's figures as a tile shows them; {@code -1} (or {@code NaN}) where the engine does not track a figure or
 * the store is unavailable.
 *
 * @param cacheHits    the engine's cache hits since the store opened (the dashboard turns two readings into the
 *                     rate over the interval between them)
 * @param cacheMisses  its cache misses since the store opened
 * @param cacheHitRate hits over lookups since the store opened ({@code NaN}: no lookup yet, or no cache)
 */
public record StoreFigures(String name, String backend, String status, String message, long keys, long diskBytes,
        long walBytes, long cacheHits, long cacheMisses, double cacheHitRate, double operationsPerSecond,
        double getP99Micros) {
}
