package dev.strata.documents.internal;

import java.util.Arrays;

import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOperations;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.CollectionNotFoundException;
import dev.strata.api.document.CollectionSchema;

/**
 * What every operation on one collection shares: the store, the name, the decoded metadata and its validator.
 * <p>
 * The metadata is remembered with the snapshot it was read at, so that a read-only transaction the layer began on
 * this context's store at that same snapshot takes it without reading the key again ({@link #meta(ReadOperations,
 * boolean)}): {@link Transaction#snapshotSequence()} promises that a snapshot sees every commit numbered up to it and
 * none after, and that sequences never repeat for a store, so two read-only views of one store at one sequence hold
 * the same metadata. The context is per {@link Store} object ({@link DocumentStoreImpl}); core makes a new one for
 * every (re)definition of a store name, an engine migration included, so two stores of one name never share it.
 * Nothing else may take the remembered metadata: a read-write transaction may have written the key itself, and a
 * caller's transaction may belong to another store; those read the key every time (and still reuse the decoded
 * metadata when its bytes are the ones remembered).
 */
final class CollectionContext {

    /** The snapshot of metadata that may not stand in for a read (read by a transaction that may have written). */
    static final long NO_SNAPSHOT = Long.MIN_VALUE;

    /** Metadata as one transaction read it: bytes, their decoding and its snapshot, kept together (one volatile). */
    private record Cached(long snapshot, byte[] bytes, CollectionMeta meta) {
    }

    private final Store store;
    private final String name;
    private final String metaKey;
    private final IndexBuilder builder;
    private volatile Cached cached;
    private record Compiled(CollectionSchema schema, SchemaValidator validator) {
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
     * The metadata as the transaction's snapshot has it, read from the store.
     *
     * @throws CollectionNotFoundException when the collection does not exist there
     */
    CollectionMeta meta(ReadOperations tx) {
        return meta(tx, false);
    }

    /**
     * The metadata as the transaction's snapshot has it.
     *
     * @param ownRead whether the layer began {@code tx} itself on {@link #store()} to read (read-only): only then may
     *                metadata remembered at its snapshot stand in for the read
     * @throws CollectionNotFoundException when the collection does not exist there
     */
    CollectionMeta meta(ReadOperations tx, boolean ownRead) {
        long snapshot = ownRead ? reusableSnapshot(tx) : NO_SNAPSHOT;
        Cached current = cached;
        if (snapshot != NO_SNAPSHOT && current != null && current.snapshot() == snapshot) {
            return current.meta();
        }
        byte[] bytes = tx.get(metaKey).orElseThrow(
                () -> new CollectionNotFoundException("collection '" + name + "' does not exist in store '"
                        + store.name() + "'"));
        if (current != null && Arrays.equals(current.bytes(), bytes)) {
            if (snapshot != NO_SNAPSHOT) {
                cached = new Cached(snapshot, current.bytes(), current.meta());
            }
            return current.meta();
        }
        CollectionMeta meta = CollectionMeta.fromBytes(bytes);
        cached = new Cached(snapshot, bytes, meta);
        return meta;
    }

    /**
     * The snapshot under which metadata read by this transaction can be remembered and taken again, or
     * {@link #NO_SNAPSHOT}: a read-only transaction at snapshot isolation (one snapshot for all its reads, no writes of
     * its own) with a real sequence (core's fallback route, while an engine is away, reports 0 for every snapshot).
     */
    private static long reusableSnapshot(ReadOperations tx) {
        if (tx instanceof Transaction transaction && transaction.mode() == TransactionMode.READ_ONLY
                && transaction.isolation() == IsolationLevel.SNAPSHOT) {
            long sequence = transaction.snapshotSequence();
            return sequence > 0 ? sequence : NO_SNAPSHOT;
        }
        return NO_SNAPSHOT;
    }

    /**
     * The validator of the metadata's schema (compiled once per schema; compared whole, not by version alone: a
     * collection dropped and created again under this name numbers its schemas from 1 again).
     */
    SchemaValidator validator(CollectionMeta meta) {
        if (meta.schema() == null) {
            return SchemaValidator.NONE;
        }
        Compiled current = compiled;
        if (current == null || !current.schema().equals(meta.schema())) {
            current = new Compiled(meta.schema(), SchemaValidator.compile(meta.schema().json()));
            compiled = current;
        }
        return current.validator();
    }
}
