package dev.strata.console.client;

/**
 * One store's figures as a tile shows them; {@code -1} (or {@code NaN}) where the engine does not track a figure or
 * the store is unavailable.
 */
public record StoreFigures(String name, String backend, String status, String message, long keys, long diskBytes,
        long walBytes, double cacheHitRate, double operationsPerSecond, double getP99Micros) {
}
