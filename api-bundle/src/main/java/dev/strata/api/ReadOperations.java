package dev.strata.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads shared by {@link Store} (each call is its own snapshot) and {@link Transaction} (all calls see the
 * transaction's snapshot plus its own writes).
 */
@ProviderType
public interface ReadOperations {

    /**
     * @return the value, or empty when the key is absent
     * @throws InvalidArgumentException for a null, empty or oversized key
     */
    Optional<byte[]> get(String key);

    /** Reads several keys from one snapshot; absent keys are missing from the result. Iteration follows key order. */
    Map<String, byte[]> getAll(Collection<String> keys);

    /**
     * Streams the entries a {@link Scan} selects, in key order (or reverse), up to its limit. Entries are fetched
     * lazily; close the cursor when done.
     */
    EntryCursor scan(Scan scan);

    /**
     * The key's metadata: creation and update times, expiry, tags, version and size.
     *
     * @return empty when the key is absent (or expired)
     * @throws InvalidArgumentException for a null, empty or oversized key
     */
    Optional<KeyMetadata> metadata(String key);

    /** Whether the key is present. */
    default boolean contains(String key) {
        return get(key).isPresent();
    }
}
