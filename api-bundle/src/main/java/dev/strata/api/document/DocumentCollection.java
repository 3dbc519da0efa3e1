package dev.strata.api.document;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.strata.api.Transaction;

import org.osgi.annotation.versioning.ProviderType;

/** A collection: operations in their own transactions, a view joining a caller's transaction, indexes and schema. */
@ProviderType
public interface DocumentCollection extends DocumentOperations {

    /**
     * The same operations inside the caller's transaction: nothing is committed until the caller commits, and
     * document and key-value writes apply together. A conflict surfaces as {@link dev.strata.api.ConflictException}
     * from the caller's commit.
     */
    DocumentOperations in(Transaction tx);

    /**
     * Creates an index. Existing documents are indexed in the background in small transactions while new writes keep
     * the index up to date (state {@link IndexState#WRITE_ONLY}); the planner uses it once it is
     * {@link IndexState#READABLE}.
     *
     * @throws dev.strata.api.InvalidArgumentException when an index of that name exists or the definition is invalid
     */
    IndexInfo createIndex(IndexDefinition definition);

    /**
     * Waits until the index is readable (or failed).
     *
     * @throws dev.strata.api.StorageTimeoutException when it is still building after the timeout
     */
    IndexInfo awaitIndex(String name, Duration timeout);

    /** @return whether the index existed */
    boolean dropIndex(String name);

    List<IndexInfo> indexes();

    /**
     * Sets the JSON Schema every later write must satisfy (existing documents are not checked); {@code null} removes
     * it. Each call makes a new schema version.
     *
     * @throws InvalidDocumentException when the schema itself is malformed or uses an unsupported keyword
     */
    CollectionSchema setSchema(String jsonSchema);

    Optional<CollectionSchema> schema();
}
