package dev.strata.api.management;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The document layer over JMX ({@code dev.strata:type=Documents}), for the console's data browser: collections of a
 * store with their counts and indexes, pages of query results as JSON text, the executed plan, full-text search and
 * queries over key-value entries holding JSON, and the key-value indexes over such entries. Every operation but
 * {@link #createKeyValueIndex} and {@link #dropKeyValueIndex} only reads, and each is named so that the connector's
 * access policy lets role {@code monitor} call it ({@code list…}, {@code get…}, {@code find…}, {@code explain…},
 * {@code search…}); those two change the store and need {@code admin}. Parameters are simple types, so JConsole can call them too: filters are JSON text ({@code ""}
 * or {@code {}} for all), sorts and projections comma-separated paths ({@code "-age,name"}), an empty string for
 * none. Errors are the typed {@link dev.strata.api.StorageException}s of the document API, with one-line messages.
 */
@ProviderType
public interface DocumentsMXBean {

    /** Largest page a query returns. */
    int MAX_PAGE = 1000;

    /** The collections of the store, sorted by name, with their document counts and index counts. */
    List<DocumentCollectionInfo> listCollections(String store);

    /** The indexes of a collection, with their state (a background build shows {@code WRITE_ONLY}). */
    List<DocumentIndexInfo> listIndexes(String store, String collection);

    /** One document as JSON text, or {@code null} when there is none with that id. */
    String getDocument(String store, String collection, String id);

    /**
     * One page of a query's results.
     *
     * @param filter       a JSON filter in the document query language
     * @param sort         comma-separated sort paths, {@code -} for descending
     * @param skip         matches to pass over
     * @param limit        page size, 1 to {@value #MAX_PAGE}
     * @param continuation the {@link DocumentPage#continuation()} of the previous page, or empty for the first
     * @param projection   comma-separated paths to keep, empty for whole documents
     */
    DocumentPage findDocuments(String store, String collection, String filter, String sort, long skip, int limit,
            String continuation, String projection);

    /** Runs the query and returns its plan tree as text, with keys and documents examined per stage. */
    String explainQuery(String store, String collection, String filter, String sort, String projection);

    /** Full-text search over the collection's text index, best first. */
    List<DocumentSearchHit> searchText(String store, String collection, String text, int limit);

    /**
     * Key-value entries under a glob whose values are JSON objects matching the filter ({@code _id} is the key);
     * values that are not JSON objects are counted in {@link DocumentPage#skippedValues()}.
     */
    DocumentPage findEntries(String store, String pattern, String filter, String sort, int limit);

    /** The store's key-value indexes (since 0.7). */
    List<DocumentKeyValueIndexInfo> listKeyValueIndexes(String store);

    /**
     * Key-value entries under the pattern of the named key-value index, so that the planner can use it (since 0.7);
     * like {@link #findEntries} otherwise.
     *
     * @throws dev.strata.api.document.IndexNotFoundException when the store has no key-value index of that name
     */
    DocumentPage findEntriesByIndex(String store, String index, String filter, String sort, int limit);

    /**
     * Creates a key-value index over the JSON values of the keys the glob selects and returns once it is built
     * (since 0.7; needs {@code admin}).
     *
     * @param fields comma-separated dotted paths, in key order
     */
    DocumentKeyValueIndexInfo createKeyValueIndex(String store, String name, String pattern, String fields);

    /** Drops a key-value index and its entries; false when there is none of that name (since 0.7; needs {@code admin}). */
    boolean dropKeyValueIndex(String store, String name);
}
