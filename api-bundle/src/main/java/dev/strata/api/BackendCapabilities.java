package dev.strata.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a backend can do, declared by the backend so that core and the console adapt instead of guessing.
 *
 * @param isolation      the isolation levels it provides (always includes {@link IsolationLevel#SNAPSHOT})
 * @param durability     the durability levels it honours
 * @param persistent     whether data survives closing the store
 * @param encryption     whether it can encrypt data at rest
 * @param compression    whether it can compress stored values
 * @param nativeTtl      whether it expires keys itself
 * @param nativeSnapshot whether it can write a consistent copy of a store while it runs
 * @param untracked      the engine figures ({@code EngineMetrics} components, named by the constants below) this
 *                       backend does not track and reports as {@code -1}; every other figure is exact or a
 *                       non-negative estimate, and the conformance kit holds the backend to that
 */
public record BackendCapabilities(Set<IsolationLevel> isolation, Set<Durability> durability, boolean persistent,
        boolean encryption, boolean compression, boolean nativeTtl, boolean nativeSnapshot, Set<String> untracked) {

    /** Figure names for {@link #untracked()}, as the components of {@code dev.strata.api.spi.EngineMetrics}. */
    public static final String KEYS = "keys";
    public static final String MEMORY_BYTES = "memoryBytes";
    public static final String DISK_BYTES = "diskBytes";
    public static final String WAL_BYTES = "walBytes";
    public static final String CACHE_HITS = "cacheHits";
    public static final String CACHE_MISSES = "cacheMisses";
    private static final Set<String> FIGURES = Set.of(KEYS, MEMORY_BYTES, DISK_BYTES, WAL_BYTES, CACHE_HITS,
            CACHE_MISSES);

    /** Capabilities of a backend that tracks every figure (the form of version 0.1). */
    public BackendCapabilities(Set<IsolationLevel> isolation, Set<Durability> durability, boolean persistent,
            boolean encryption, boolean compression, boolean nativeTtl, boolean nativeSnapshot) {
        this(isolation, durability, persistent, encryption, compression, nativeTtl, nativeSnapshot, Set.of());
    }

    public BackendCapabilities {
        untracked = untracked == null ? Set.of() : Set.copyOf(untracked);
        for (String figure : untracked) {
            if (!FIGURES.contains(figure)) {
                throw new InvalidArgumentException("unknown engine figure '" + figure + "'; known: " + FIGURES);
            }
        }
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(durability, "durability");
        if (!isolation.contains(IsolationLevel.SNAPSHOT)) {
            throw new InvalidArgumentException("every backend must provide snapshot isolation");
        }
        if (durability.isEmpty()) {
            throw new InvalidArgumentException("a backend must honour at least one durability level");
        }
        isolation = Set.copyOf(EnumSet.copyOf(isolation));
        durability = Set.copyOf(EnumSet.copyOf(durability));
    }

    public boolean supports(Durability level) {
        return durability.contains(level);
    }

    public boolean supports(IsolationLevel level) {
        return isolation.contains(level);
    }

    /** Whether the backend reports this figure (a name from the constants above); untracked ones are -1. */
    public boolean tracks(String figure) {
        return !untracked.contains(figure);
    }

    /** A copy that declares these figures untracked. */
    public BackendCapabilities withUntracked(String... figures) {
        return new BackendCapabilities(isolation, durability, persistent, encryption, compression, nativeTtl,
                nativeSnapshot, Set.of(figures));
    }
}
