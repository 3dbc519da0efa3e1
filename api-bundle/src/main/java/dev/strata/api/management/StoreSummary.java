package dev.strata.api.management;

import java.beans.ConstructorProperties;
import java.util.List;
import java.util.Map;

/**
 * One store's headline figures, as a console tile shows them ({@link StrataRuntimeMXBean#getStoreSummaries}): the
 * same values as the store bean's attributes of the same names, read together. Figures an engine does not track are
 * {@code -1} (counts) or {@code NaN} (rates). A class with getters rather than a record, so that JMX maps it to open
 * data.
 */
public final class StoreSummary {

    /** The store bean's attributes a summary is made of ({@link #of}), in the order of the constructor's figures. */
    public static final List<String> ATTRIBUTES = List.of("Backend", "Status", "Message", "Keys", "DiskBytes",
            "WalBytes", "CacheHits", "CacheMisses", "CacheHitRate", "OperationsPerSecond", "GetP99Micros");

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

    /**
     * A summary from the store bean's {@link #ATTRIBUTES} as read by name ({@code getAttributes}); a figure missing
     * from them reads as unknown ({@code ""}, {@code -1}, {@code NaN}).
     */
    public static StoreSummary of(String name, Map<String, ?> attributes) {
        return new StoreSummary(name, text(attributes.get("Backend")), text(attributes.get("Status")),
                text(attributes.get("Message")), whole(attributes.get("Keys")), whole(attributes.get("DiskBytes")),
                whole(attributes.get("WalBytes")), whole(attributes.get("CacheHits")),
                whole(attributes.get("CacheMisses")), real(attributes.get("CacheHitRate")),
                real(attributes.get("OperationsPerSecond")), real(attributes.get("GetP99Micros")));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static long whole(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static double real(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
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
