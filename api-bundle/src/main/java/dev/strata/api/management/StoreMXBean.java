package dev.strata.api.management;

import java.util.Map;

import dev.strata.api.OperationStats;

/**
 * One store, as JMX shows it ({@code dev.strata:type=Store,name=<store>}). Attributes are read by role
 * {@code monitor}. Engine figures are {@code -1} when the engine does not track them or the store is unavailable.
 */
public interface StoreMXBean {

    String getName();

    String getBackend();

    /** {@code ONLINE}, {@code READ_ONLY}, {@code OPENING} or {@code UNAVAILABLE} (a {@link dev.strata.api.StoreStatus}). */
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

    /** Operations of every kind per second, over the last second (from the runtime's history). */
    double getOperationsPerSecond();

    /** Commits refused for a conflict since the store opened. */
    long getConflicts();

    /**
     * What core measured per kind of operation ({@code get}, {@code put}, {@code delete}, {@code scan},
     * {@code commit}, {@code rollback}), for every engine: counts and failures since the store opened, latency
     * percentiles (p50, p95, p99, max) over the last interval. Rates come from two readings' counts.
     */
    Map<String, OperationStats> getOperations();

    /** Failed operations since the store opened, by error type (simple class name); conflicts apart. */
    Map<String, Long> getErrors();

    /** 99th percentile latency of gets over the last interval, microseconds ({@code NaN}: none). */
    double getGetP99Micros();

    double getPutP99Micros();

    double getCommitP99Micros();

    /**
     * A figure's past, kept by the runtime: per second for up to the last hour ({@code seconds <= 3600}), else per
     * minute for up to the last day.
     *
     * @param figure one of {@code keys}, {@code diskBytes}, {@code walBytes}, {@code memoryBytes},
     *               {@code cacheHitRate} (over each interval), {@code operationsPerSecond}, {@code errorsPerSecond},
     *               {@code getP99Micros}, {@code putP99Micros}, {@code commitP99Micros}
     * @param seconds how far back
     */
    HistorySeries history(String figure, int seconds);

    /** A {@link StoreHealth} name: how the store is doing, by the runtime's health checks. */
    String getHealth();

    /** Why the store is not {@code HEALTHY}, one line; empty when it is. */
    String getHealthReason();

    /** Writes the engine's in-memory state to its files and trims its log, now (role {@code operator}). */
    void checkpoint();

    /** Reclaims the space held by overwritten and deleted data, now; may take long (role {@code operator}). */
    void compact();

    /**
     * Takes the store offline: its engine is closed after the work inside it, and the store shows
     * {@code UNAVAILABLE} ("closed by an operator") until {@link #open()} (role {@code operator}).
     */
    void close();

    /** Opens a store closed by {@link #close()}, or reopens one whose open failed (role {@code operator}). */
    void open();
}
