package dev.strata.management.internal.health;

import dev.strata.api.management.StoreHealth;

/**
 * A store's health with its reason, one line (empty when healthy).
 *
 * @param store  the store's name
 * @param health healthy, degraded or down
 * @param reason why, every rule that fired joined by {@code "; "}
 */
public record HealthVerdict(String store, StoreHealth health, String reason) {

    public HealthVerdict {
        reason = reason == null ? "" : reason;
    }
}
