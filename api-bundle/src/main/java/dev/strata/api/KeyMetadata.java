package dev.strata.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a store keeps about one live key besides its value ({@link ReadOperations#metadata}). Times come from the
 * store's clock at the puts. Keys written before the store had metadata (an older Strata) carry the time the store
 * was upgraded as both their creation and update time.
 *
 * @param createdAt when the key was first put (an overwrite keeps it; a put after a delete or expiry renews it)
 * @param updatedAt when the key was last put
 * @param expiresAt when the key expires, or {@code null} when it never does (see {@link #expiry()})
 * @param tags      the tags of the last put
 * @param version   how many times the key was put since it was created: 1 after the first put
 * @param size      the value's size in bytes
 */
public record KeyMetadata(Instant createdAt, Instant updatedAt, Instant expiresAt, Set<String> tags, long version,
        int size) {

    public KeyMetadata {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** When the key expires; empty when it never does. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }
}
