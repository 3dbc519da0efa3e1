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

    /**
     * The keys that carry {@code tag} ({@link PutOptions#tags}), at most {@code limit}, leaving out expired ones. In
     * key order, except that keys longer than about 1,000 bytes sort by their first bytes. Core answers from a tag
     * index kept in the same transaction as the keys, so the answer is exact at this snapshot (a transaction sees
     * its own writes); this default, for other implementations, reads every key's metadata.
     *
     * @throws InvalidArgumentException for a null, empty or oversized tag, or a limit below 1
     */
    default java.util.List<String> keysTagged(String tag, int limit) {
        if (tag == null || tag.isEmpty() || limit < 1) {
            throw new InvalidArgumentException("a tag must not be null or empty and limit must be 1 or more");
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        try (EntryCursor cursor = scan(Scan.all())) {
            while (cursor.hasNext() && keys.size() < limit) {
                String key = cursor.next().key();
                if (metadata(key).map(meta -> meta.tags().contains(tag)).orElse(false)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** Whether the key is present. */
    default boolean contains(String key) {
        return get(key).isPresent();
    }
}
