package dev.strata.console.dashboard;

import dev.strata.console.client.StoreFigures;
import dev.strata.console.shell.Messages;

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
            return store.message().isEmpty() ? store.status()
                    : Messages.get("alert.notOnline", store.status(), store.message());
        }
        if (maxWalBytes > 0 && store.walBytes() > maxWalBytes) {
            return Messages.get("alert.wal", Bytes.format(store.walBytes()), Bytes.format(maxWalBytes));
        }
        if (minCacheHitRate > 0 && !Double.isNaN(store.cacheHitRate()) && store.cacheHitRate() < minCacheHitRate) {
            return Messages.get("alert.hitRate", String.format("%.1f", store.cacheHitRate() * 100),
                    String.format("%.1f", minCacheHitRate * 100));
        }
        return "";
    }
}
