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
 */
public record BackendCapabilities(Set<IsolationLevel> isolation, Set<Durability> durability, boolean persistent,
        boolean encryption, boolean compression, boolean nativeTtl, boolean nativeSnapshot) {

    public BackendCapabilities {
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
}
