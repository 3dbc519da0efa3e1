package dev.strata.api.management;

import java.beans.ConstructorProperties;

/**
 * One store's headline figures, as a console tile shows them ({@link StrataRuntimeMXBean#getStoreSummaries}): the
 * same values as the store bean's attributes of the same names, read together. Figures an engine does not track are
 * {@code -1} (counts) or {@code NaN} (rates). A class with getters rather than a record, so that JMX maps it to open
 * data.
 */
public final class StoreSummary {

    private final String name;
    private final String backend;
    private final String status;
    private final String message;
    private final long keys;
    private final long diskBytes;
    private final long walBytes;
    private final long cacheHits;
    private final long cacheMisses;
    private final double cacheHitRate;
    private final double operationsPerSecond;
    private final double getP99Micros;

    @ConstructorProperties({"name", "backend", "status", "message", "keys", "diskBytes", "walBytes", "cacheHits",
        "cacheMisses", "cacheHitRate", "operationsPerSecond", "getP99Micros"})
    public StoreSummary(String name, String backend, String status, String message, long keys, long diskBytes,
            long walBytes, long cacheHits, long cacheMisses, double cacheHitRate, double operationsPerSecond,
            double getP99Micros) {
        this.name = name;
        this.backend = backend;
        this.status = status;
        this.message = message;
        this.keys = keys;
        this.diskBytes = diskBytes;
        this.walBytes = walBytes;
        this.cacheHits = cacheHits;
        this.cacheMisses = cacheMisses;
        this.cacheHitRate = cacheHitRate;
        this.operationsPerSecond = operationsPerSecond;
        this.getP99Micros = getP99Micros;
    }

    public String getName() {
        return name;
    }

    public String getBackend() {
        return backend;
    }

    /** {@link dev.strata.api.StoreStatus} by name. */
    public String getStatus() {
        return status;
    }

    public String getMessage() {
        return message;
    }

    public long getKeys() {
        return keys;
    }

    public long getDiskBytes() {
        return diskBytes;
    }

    public long getWalBytes() {
        return walBytes;
    }

    public long getCacheHits() {
        return cacheHits;
    }

    public long getCacheMisses() {
        return cacheMisses;
    }

    public double getCacheHitRate() {
        return cacheHitRate;
    }

    public double getOperationsPerSecond() {
        return operationsPerSecond;
    }

    public double getGetP99Micros() {
        return getP99Micros;
    }
}
