package dev.strata.management.internal.jmx;

import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.management.StoreMXBean;

/**
 * One store's bean. Figures are read from the store at each call (the engines make that cheap), so JConsole and the
 * console see them live; an unavailable store answers {@code -1} for its figures rather than failing the read.
 */
final class StoreBean implements StoreMXBean {

    private static final StoreMetrics UNKNOWN = new StoreMetrics(-1, -1, -1, -1, -1, -1, "n/a", null, 0);

    private final Store store;

    StoreBean(Store store) {
        this.store = store;
    }

    private StoreMetrics metrics() {
        try {
            return store.metrics();
        } catch (StorageException e) {
            return UNKNOWN;
        }
    }

    private StoreInfo info() {
        return store.info();
    }

    @Override
    public String getName() {
        return store.name();
    }

    @Override
    public String getBackend() {
        return info().backend();
    }

    @Override
    public String getStatus() {
        return info().status().name();
    }

    @Override
    public String getMessage() {
        return info().message();
    }

    @Override
    public String getDurability() {
        return info().durability().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public long getKeys() {
        return metrics().keys();
    }

    @Override
    public long getDiskBytes() {
        return metrics().diskBytes();
    }

    @Override
    public long getWalBytes() {
        return metrics().walBytes();
    }

    @Override
    public long getMemoryBytes() {
        return metrics().memoryBytes();
    }

    @Override
    public long getCacheHits() {
        return metrics().cacheHits();
    }

    @Override
    public long getCacheMisses() {
        return metrics().cacheMisses();
    }

    @Override
    public double getCacheHitRate() {
        return metrics().cacheHitRate();
    }

    @Override
    public String getCompactionState() {
        return metrics().compactionState();
    }
}
