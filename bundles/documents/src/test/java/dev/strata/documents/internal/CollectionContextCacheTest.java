package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Optional;

import dev.strata.api.IsolationLevel;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.CollectionSchema;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CollectionContext} as the layer uses it, with the interleavings a query cannot be made to hit on demand:
 * a read-only transaction of the layer that began before a metadata change reads after a newer one remembered it; a
 * read-write transaction reads its own metadata write at the snapshot a read-only one remembered; and views that
 * report no real sequence (core's fallback route says 0 for all of them).
 */
class CollectionContextCacheTest {

    @TempDir
    Path directory;
    ManagedStore store;
    CollectionContext context;
    CollectionMeta created = CollectionMeta.create("users", 1);

    @BeforeEach
    void open() {
        store = EngineStores.open("memory", directory);
        store.put(KeyLayout.meta("users"), created.toBytes());
        context = new CollectionContext(store, "users", null);
    }

    @AfterEach
    void close() {
        EngineStores.close(store);
    }

    private void setSchema(int version) {
        store.put(KeyLayout.meta("users"), created.withSchema(new CollectionSchema(version, "{}")).toBytes());
    }

    private static Integer schemaVersion(CollectionMeta meta) {
        return meta.schema() == null ? null : meta.schema().version();
    }

    @Test
    void anOlderSnapshotNeverTakesWhatANewerOneRemembered() {
        try (Transaction old = store.begin(TransactionMode.READ_ONLY)) {
            assertNull(schemaVersion(context.meta(old, true)));
            setSchema(1);
            try (Transaction newer = store.begin(TransactionMode.READ_ONLY)) {
                assertEquals(1, schemaVersion(context.meta(newer, true)));
                assertEquals(1, schemaVersion(context.meta(newer, true)));
            }
            assertNull(schemaVersion(context.meta(old, true)));
            setSchema(2);
            try (Transaction newest = store.begin(TransactionMode.READ_ONLY)) {
                assertEquals(2, schemaVersion(context.meta(newest, true)));
            }
        }
    }

    @Test
    void aTransactionsOwnMetadataWriteIsNeitherTakenNorRemembered() {
        try (Transaction reader = store.begin(TransactionMode.READ_ONLY)) {
            assertNull(schemaVersion(context.meta(reader, true))); // remembered at this snapshot
            try (Transaction writer = store.begin()) {
                assertEquals(reader.snapshotSequence(), writer.snapshotSequence());
                writer.put(KeyLayout.meta("users"), created.withSchema(new CollectionSchema(7, "{}")).toBytes());
                // even when a caller claims it is the layer's own read, a writer reads the key
                assertEquals(7, schemaVersion(context.meta(writer, true)));
                assertEquals(7, schemaVersion(context.meta(writer, false)));
                writer.rollback();
            }
            try (Transaction again = store.begin(TransactionMode.READ_ONLY)) {
                assertEquals(reader.snapshotSequence(), again.snapshotSequence());
                assertNull(schemaVersion(context.meta(again, true)), "a writer's metadata was remembered");
            }
        }
    }

    @Test
    void viewsWithoutARealSequenceAlwaysRead() {
        assertNull(schemaVersion(context.meta(fallbackView(created), true)));
        CollectionMeta changed = created.withSchema(new CollectionSchema(3, "{}"));
        assertEquals(3, schemaVersion(context.meta(fallbackView(changed), true)));
        assertNull(schemaVersion(context.meta(fallbackView(created), true)));
    }

    @Test
    void aCallersReadOnlyTransactionReadsButReusesTheDecoding() {
        CollectionMeta first;
        try (Transaction tx = store.begin(TransactionMode.READ_ONLY)) {
            first = context.meta(tx, true);
        }
        try (Transaction tx = store.begin(TransactionMode.READ_ONLY)) {
            assertEquals(first, context.meta(tx, false));
            assertEquals(System.identityHashCode(first), System.identityHashCode(context.meta(tx, false)));
        }
    }

    /** A read-only view at snapshot isolation reporting sequence 0, as core's fallback route does, over one metadata. */
    private static Transaction fallbackView(CollectionMeta meta) {
        byte[] bytes = meta.toBytes();
        return (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(), new Class<?>[] {Transaction.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "mode" -> TransactionMode.READ_ONLY;
                    case "isolation" -> IsolationLevel.SNAPSHOT;
                    case "snapshotSequence" -> 0L;
                    case "get" -> Optional.of(bytes);
                    case "isOpen" -> true;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
