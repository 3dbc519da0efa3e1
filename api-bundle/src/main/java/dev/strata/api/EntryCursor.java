package dev.strata.api;

import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A streamed scan result: entries are read from the engine as the caller advances, so a scan over millions of keys
 * holds only a small window in memory. Close it (try-with-resources) to release the underlying snapshot.
 */
@ProviderType
public interface EntryCursor extends Iterator<Entry>, AutoCloseable {

    @Override
    void close();

    /**
     * The metadata of the entry the last {@link #next()} returned (times, expiry, tags), decoded from the very record
     * the scan read: no second lookup, unlike {@link ReadOperations#metadata}, so a job that copies whole stores with
     * their expiry and tags reads each key once. Call it before {@link #hasNext()}: empty when the key has expired
     * since {@code next()} returned it, when the cursor has moved on, or when this cursor does not carry metadata (then
     * {@link ReadOperations#metadata} in the same transaction tells).
     *
     * @throws IllegalStateException before the first {@code next()}
     * @since 1.2
     */
    default Optional<KeyMetadata> metadata() {
        return Optional.empty();
    }

    /** The remaining entries as a sequential stream; closing the stream closes this cursor. */
    default Stream<Entry> stream() {
        Spliterator<Entry> split = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
        return StreamSupport.stream(split, false).onClose(this::close);
    }
}
