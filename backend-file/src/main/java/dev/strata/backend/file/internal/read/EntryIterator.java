package dev.strata.backend.file.internal.read;

/**
 * A walk over versioned entries in key order (ascending or descending, as created), one version per key. Call
 * {@link #next()} before the first entry. Tombstones are entries too: a newer source's tombstone must hide an
 * older source's value.
 */
public interface EntryIterator extends AutoCloseable {

    boolean next();

    byte[] key();

    /** The sequence number of the transaction that wrote this version. */
    long seq();

    /** The value, or {@code null} for a tombstone (a delete). */
    byte[] value();

    default boolean isTombstone() {
        return value() == null;
    }

    @Override
    default void close() {
    }
}
