package dev.strata.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes. On a {@link Store} each write is its own transaction; {@link #putAll} writes all entries in one
 * transaction (all or nothing).
 */
@ProviderType
public interface KeyValueOperations extends ReadOperations {

    /**
     * Stores the value under the key, replacing any previous value.
     *
     * @throws InvalidArgumentException for a null, empty or oversized key, or a null or oversized value
     * @throws ReadOnlyException        in a read-only transaction or on a store in read-only mode
     */
    void put(String key, byte[] value);

    /** Stores every entry atomically. Validates all of them before writing any. */
    void putAll(Map<String, byte[]> entries);

    /**
     * Removes the key.
     *
     * @return whether the key was present
     */
    boolean delete(String key);
}
