package dev.strata.console.dashboard;

import dev.strata.console.client.StoreFigures;

/**
 * The operator's thresholds: a WAL larger than a size, a cache hit rate below a fraction, a store that is not
 * online. Zero (or NaN) turns a threshold off.
 *
 * @param maxWalBytes    alert above this WAL size
 * @param minCacheHitRate alert below this hit rate (0 to 1)
 */
public record Alerts(long maxWalBytes, double minCacheHitRate) {

    public static final Alerts DEFAULT = new Alerts(256L << 20, 0.0);

    /** Why the store's tile is marked, or empty. */
    public String check(StoreFigures store) {
        if (!store.status().equals("ONLINE")) {
            return store.status() + (store.message().isEmpty() ? "" : ": " + store.message());
        }
        if (maxWalBytes > 0 && store.walBytes() > maxWalBytes) {
            return "WAL " + Bytes.format(store.walBytes()) + " above " + Bytes.format(maxWalBytes);
        }
        if (minCacheHitRate > 0 && !Double.isNaN(store.cacheHitRate()) && store.cacheHitRate() < minCacheHitRate) {
            return String.format("cache hit rate %.1f%% below %.1f%%", store.cacheHitRate() * 100, minCacheHitRate * 100);
        }
        return "";
    }
}
