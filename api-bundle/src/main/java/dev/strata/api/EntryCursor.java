package dev.strata.api;

import java.util.Iterator;
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

    /** The remaining entries as a sequential stream; closing the stream closes this cursor. */
    default Stream<Entry> stream() {
        Spliterator<Entry> split = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
        return StreamSupport.stream(split, false).onClose(this::close);
    }
}
