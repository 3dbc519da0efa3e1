package dev.strata.documents.internal;

import java.util.Arrays;

import dev.strata.api.ReadOperations;
import dev.strata.api.Store;
import dev.strata.api.document.CollectionNotFoundException;

/** What every operation on one collection shares: the store, the name, the decoded metadata and its validator. */
final class CollectionContext {

    private final Store store;
    private final String name;
    private final String metaKey;
    private final IndexBuilder builder;
    private volatile byte[] cachedBytes;
    private volatile CollectionMeta cachedMeta;
    private record Compiled(int version, SchemaValidator validator) {
    }

    private volatile Compiled compiled;

    CollectionContext(Store store, String name, IndexBuilder builder) {
        this.store = store;
        this.name = name;
        this.metaKey = KeyLayout.meta(name);
        this.builder = builder;
    }

    Store store() {
        return store;
    }

    String name() {
        return name;
    }

    IndexBuilder builder() {
        return builder;
    }

    /**
     * The metadata as the transaction's snapshot has it.
     *
     * @throws CollectionNotFoundException when the collection does not exist there
     */
    CollectionMeta meta(ReadOperations tx) {
        byte[] bytes = tx.get(metaKey).orElseThrow(
                () -> new CollectionNotFoundException("collection '" + name + "' does not exist in store '"
                        + store.name() + "'"));
        byte[] cached = cachedBytes;
        CollectionMeta meta = cachedMeta;
        if (cached != null && Arrays.equals(cached, bytes)) {
            return meta;
        }
        meta = CollectionMeta.fromBytes(bytes);
        cachedMeta = meta;
        cachedBytes = bytes;
        return meta;
    }

    /** The validator of the metadata's schema (compiled once per schema version). */
    SchemaValidator validator(CollectionMeta meta) {
        if (meta.schema() == null) {
            return SchemaValidator.NONE;
        }
        Compiled current = compiled;
        if (current == null || current.version() != meta.schema().version()) {
            current = new Compiled(meta.schema().version(), SchemaValidator.compile(meta.schema().json()));
            compiled = current;
        }
        return current.validator();
    }
}
