package dev.strata.api.document;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The collections of one store. */
@ProviderType
public interface DocumentStore {

    /** Every key the document layer writes starts with this; application keys should not. */
    String KEY_PREFIX = "_doc/";

    /**
     * Creates an empty collection.
     *
     * @throws CollectionExistsException when one of that name exists
     * @throws dev.strata.api.InvalidArgumentException for a name outside {@code [A-Za-z0-9_.-]{1,64}}
     */
    DocumentCollection createCollection(String name);

    /** The existing collection, created when absent. */
    DocumentCollection collection(String name);

    /**
     * The existing collection.
     *
     * @throws CollectionNotFoundException when there is none of that name
     */
    DocumentCollection existingCollection(String name);

    /** Names of the collections, sorted. */
    List<String> collectionNames();

    /**
     * Removes the collection, its documents and its indexes.
     *
     * @return whether it existed
     */
    boolean dropCollection(String name);
}
