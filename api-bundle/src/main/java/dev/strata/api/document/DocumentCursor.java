package dev.strata.api.document;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Streamed query results: documents are read as the caller advances (a sort without a serving index, or a union of
 * index scans, keeps its working set in memory). Close it to release its snapshot.
 */
@ProviderType
public interface DocumentCursor extends Iterator<Document>, AutoCloseable {

    /**
     * A token that resumes the same query after the last document returned so far ({@link Query#after(String)}),
     * or {@code null} when nothing was returned yet.
     */
    String continuation();

    @Override
    void close();

    default Stream<Document> stream() {
        Spliterator<Document> split = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(this::close);
    }
}
