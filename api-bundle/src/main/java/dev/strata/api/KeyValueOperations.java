package dev.strata.api;

import java.time.Duration;
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

    /**
     * Stores the value under the key with a time to live: from {@code ttl} after this put the key is gone for every
     * read (get, getAll, scans, metadata), whether or not the store has purged it yet.
     *
     * @throws InvalidArgumentException for a null, zero or negative ttl, or what {@link #put(String, byte[])} refuses
     */
    default void put(String key, byte[] value, Duration ttl) {
        put(key, value, PutOptions.ttl(ttl));
    }

    /**
     * Stores the value under the key with the options' time to live and tags, replacing the previous value and its
     * metadata (see {@link PutOptions}). {@link #put(String, byte[])} is this with {@link PutOptions#DEFAULT}.
     */
    void put(String key, byte[] value, PutOptions options);

    /** Stores every entry atomically. Validates all of them before writing any. */
    void putAll(Map<String, byte[]> entries);

    /**
     * Removes the key.
     *
     * @return whether the key was present
     */
    boolean delete(String key);
}
