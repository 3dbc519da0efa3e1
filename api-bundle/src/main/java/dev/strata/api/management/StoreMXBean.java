package dev.strata.api.management;

/**
 * One store, as JMX shows it ({@code dev.strata:type=Store,name=<store>}). Read by role {@code monitor}.
 * Engine figures are {@code -1} when the engine does not track them or the store is unavailable.
 */
public interface StoreMXBean {

    String getName();

    String getBackend();

    /** {@code ONLINE}, {@code READ_ONLY}, {@code OPENING} or {@code UNAVAILABLE}. */
    String getStatus();

    String getDurability();

    long getKeys();

    long getDiskBytes();

    long getWalBytes();

    long getMemoryBytes();

    /** Hits over lookups of the engine's cache; {@code NaN} when it has none. */
    double getCacheHitRate();

    long getReads();

    long getWrites();

    long getErrors();
}
