package dev.strata.api.management;

/**
 * One store, as JMX shows it ({@code dev.strata:type=Store,name=<store>}). Attributes are read by role
 * {@code monitor}. Engine figures are {@code -1} when the engine does not track them or the store is unavailable.
 */
public interface StoreMXBean {

    String getName();

    String getBackend();

    /** {@code ONLINE}, {@code READ_ONLY}, {@code UNAVAILABLE} (or another {@link dev.strata.api.StoreStatus}). */
    String getStatus();

    /** Why the store is not online; empty when it is. */
    String getMessage();

    String getDurability();

    long getKeys();

    long getDiskBytes();

    long getWalBytes();

    long getMemoryBytes();

    long getCacheHits();

    long getCacheMisses();

    /** Hits over lookups of the engine's cache since the store opened; {@code NaN} when it has none. */
    double getCacheHitRate();

    String getCompactionState();
}
