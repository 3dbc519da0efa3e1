package dev.strata.api.document;

import java.util.Iterator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Streamed results of a {@link KeyValueQuery}: entries are read and parsed one at a time as the caller advances, so
 * memory stays bounded whatever the number of keys (except with a sort: at most skip + limit entries, or 100,000
 * without a limit). Values that are not JSON objects (binary values, other JSON text such as {@code 42}) are passed
 * over and counted, never an error: a pattern may well select keys of several kinds.
 */
@ProviderType
public interface JsonEntryCursor extends Iterator<JsonEntry>, AutoCloseable {

    /** How many keys were read so far. */
    long keysExamined();

    /** How many of them held a value that is not a JSON object, and were skipped. */
    long skippedValues();

    /**
     * A token naming the last entry returned (since 0.3), for {@link KeyValueQuery#after(String)}: the next query
     * starts strictly after it in the same order (the sort, else the plan's: key order, or an index's order), so
     * entries written or deleted between the pages neither shift nor repeat the others. An entry whose key or sort
     * value moves from after the position to before it is not seen again, and one moving the other way may be seen
     * twice; {@code null} before the first entry.
     */
    String continuation();

    @Override
    void close();
}
