package dev.strata.core.internal.fallback;

import java.time.Duration;
import java.util.Set;

import dev.strata.api.PutOptions;

/**
 * One write of a journaled commit, as the caller made it: a put (value, expiry, tags) or a delete of a user key.
 * A time to live is kept as the absolute instant it ends, so a replay after a long outage does not extend it.
 *
 * @param delete    true for a delete (then value is empty)
 * @param key       the user key
 * @param value     the value put
 * @param expiresAt epoch milliseconds at which the put's time to live ends; 0 when the put named none
 * @param noExpiry  the put opted out of the store's default time to live ({@link PutOptions#forever()})
 * @param tags      the put's tags
 */
public record JournalOp(boolean delete, String key, byte[] value, long expiresAt, boolean noExpiry, Set<String> tags) {

    public JournalOp {
        value = value == null ? new byte[0] : value;
        tags = Set.copyOf(tags);
    }

    public static JournalOp put(String key, byte[] value, PutOptions options, long now) {
        long expiresAt = options.ttl() == null ? 0 : now + Math.max(1, options.ttl().toMillis());
        return new JournalOp(false, key, value.clone(), expiresAt, options.noExpiry(), options.tags());
    }

    public static JournalOp delete(String key) {
        return new JournalOp(true, key, new byte[0], 0, false, Set.of());
    }

    /** Whether a put's time to live has ended by {@code now}: replayed, it removes the key instead. */
    public boolean expiredBy(long now) {
        return !delete && expiresAt != 0 && expiresAt <= now;
    }

    /** The put's options as they read at {@code now}: the time to live left of the original one. */
    public PutOptions optionsAt(long now) {
        Duration left = expiresAt == 0 ? null : Duration.ofMillis(Math.max(1, expiresAt - now));
        return new PutOptions(left, noExpiry && left == null, tags);
    }
}
