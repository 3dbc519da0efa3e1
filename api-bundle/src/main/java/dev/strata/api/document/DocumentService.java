package dev.strata.api.document;

import java.util.List;
import java.util.Map;

import dev.strata.api.ReadOperations;
import dev.strata.api.Store;

import org.osgi.annotation.versioning.ProviderType;

/** The document layer as an OSGi service: the documents of any {@link Store}, and JSON parsing for callers. */
@ProviderType
public interface DocumentService {

    /** The collections kept in the store (its keys under {@link DocumentStore#KEY_PREFIX}). */
    DocumentStore documents(Store store);

    /**
     * Runs the filter language over plain key-value entries whose values are JSON objects (since 0.2). Reads from
     * the given store (one snapshot for the whole query) or transaction (its snapshot and own writes); the keys of the
     * document layer itself ({@link DocumentStore#KEY_PREFIX}) are never matched.
     *
     * @throws InvalidQueryException for an unknown operator, a malformed operand or a sort over too many entries
     */
    JsonEntryCursor query(ReadOperations source, KeyValueQuery query);

    /**
     * Runs a key-value query to its end and returns the executed plan (since 0.3): {@code KEY_SCAN}, or
     * {@code INDEX_SCAN} and {@code KEY_FETCH} when a readable {@link KeyValueIndex} of the same pattern bounds it.
     */
    QueryPlan explain(ReadOperations source, KeyValueQuery query);

    /**
     * Creates a key-value index and builds it over the entries already there, in transactions of a few hundred keys,
     * while writes go on (they maintain it from the moment it is created); returns once it is
     * {@link IndexState#READABLE} (since 0.3).
     *
     * @throws dev.strata.api.InvalidArgumentException when an index of that name exists
     * @throws InvalidDocumentException                 when an entry's values cannot be indexed (then nothing is kept)
     */
    KeyValueIndex createKeyValueIndex(Store store, KeyValueIndex index);

    /** Drops a key-value index and its entries; false when there is none of that name (since 0.3). */
    boolean dropKeyValueIndex(Store store, String name);

    /** The store's key-value indexes (since 0.3). */
    List<KeyValueIndex> keyValueIndexes(Store store);

    /**
     * Parses JSON text into the plain values a {@link Document} holds (maps, lists, strings, numbers, booleans, null).
     *
     * @throws InvalidDocumentException when the text is not JSON
     */
    Object parseJson(String json);

    /** Parses a JSON object, such as a filter or a patch. */
    @SuppressWarnings("unchecked")
    default Map<String, Object> parseJsonObject(String json) {
        Object value = parseJson(json);
        if (!(value instanceof Map)) {
            throw new InvalidDocumentException("expected a JSON object, got: " + Document.abbreviate(json));
        }
        return (Map<String, Object>) value;
    }
}
