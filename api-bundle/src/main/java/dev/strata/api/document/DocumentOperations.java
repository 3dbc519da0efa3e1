package dev.strata.api.document;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes on one collection. On a {@link DocumentCollection} each call is its own transaction (retried on
 * conflict); on {@link DocumentCollection#in(dev.strata.api.Transaction)} every call joins the caller's transaction.
 * Every write keeps the collection's indexes in the same transaction, and a write that fails (bad JSON, schema, unique
 * index, version) changes nothing.
 */
@ProviderType
public interface DocumentOperations {

    /** Pass as {@code expectedVersion} to write whatever the current version is. */
    long ANY_VERSION = -1;

    String collectionName();

    /**
     * Inserts a document; its {@code id} is generated when {@code null}.
     *
     * @return the stored document with its id and metadata (version 1)
     * @throws DuplicateDocumentException      when a document with that id exists
     * @throws UniqueIndexViolationException   when a unique index already holds one of its values
     * @throws SchemaViolationException        when it breaks the collection's schema
     * @throws InvalidDocumentException        when it is over {@link Document#MAX_ENCODED_BYTES} or malformed
     * @throws CollectionNotFoundException     when the collection was dropped
     */
    Document insert(Document document);

    /** Inserts JSON text; its {@code _id} field, when present, is the id. */
    Document insertJson(String json);

    /** Inserts a record or POJO, converted by Jackson; an {@code id} or {@code _id} property is the id. */
    Document insertObject(Object value);

    /** {@code BatchInsert}: inserts all of them atomically, or none. */
    List<Document> insertAll(List<Document> documents);

    Optional<Document> get(String id);

    /** The document converted by Jackson to a record or POJO. */
    <T> Optional<T> get(String id, Class<T> type);

    /**
     * Replaces the content of an existing document.
     *
     * @param expectedVersion the version the caller read, or {@link #ANY_VERSION}
     * @throws DocumentNotFoundException when there is no such document
     * @throws VersionConflictException  when its version is not {@code expectedVersion}
     */
    Document replace(String id, Map<String, Object> content, long expectedVersion);

    /**
     * Merge-update (RFC 7386 JSON merge patch): fields of the patch replace those of the document, a {@code null} field
     * removes it, nested objects merge.
     */
    Document update(String id, Map<String, Object> patch, long expectedVersion);

    /** {@code BatchUpdate}: applies every patch atomically, or none. */
    List<Document> updateAll(List<DocumentPatch> patches);

    /**
     * Deletes the document.
     *
     * @return whether it existed
     * @throws VersionConflictException when it exists with another version than {@code expectedVersion}
     */
    boolean delete(String id, long expectedVersion);

    default boolean delete(String id) {
        return delete(id, ANY_VERSION);
    }

    /** Deletes every listed document atomically; returns how many existed. */
    int deleteAll(List<String> ids);

    /**
     * Runs a query. Results stream: close the cursor when done.
     *
     * @throws InvalidQueryException       for an unknown operator or a malformed filter
     * @throws IndexNotFoundException      when the hint names no readable index
     */
    DocumentCursor find(Query query);

    /** One page of at most {@code query.limit()} results and a continuation token for the next (null when done). */
    Page findPage(Query query);

    /** How many documents match the filter. */
    long count(Map<String, Object> filter);

    /** How the query runs: the chosen plan, run to the end, with keys and documents examined at each stage. */
    QueryPlan explain(Query query);

    /**
     * Full-text search over the collection's text index, ranked by BM25 (k1 = 1.2, b = 0.75).
     *
     * @throws IndexNotFoundException when the collection has no text index
     */
    List<SearchHit> search(TextQuery query);
}
