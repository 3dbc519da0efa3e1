package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.Query;
import dev.strata.api.document.QueryPlan;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.Test;

/**
 * The metadata a query takes without reading it ({@link CollectionContext#meta(dev.strata.api.ReadOperations,
 * boolean)}) is always the metadata of the query's own snapshot: a change made in another transaction is seen by the
 * next query, two stores of one name at one sequence never share it, and a caller's read-write transaction that
 * changed the metadata itself sees its change while nobody else does. Each query here runs right after a query that
 * remembered the metadata, so a cache that answered wrongly would show.
 */
abstract class MetadataCacheContract extends EngineCase {

    /** The plan's stages and details, top down, one line. */
    static String plan(QueryPlan plan) {
        StringBuilder out = new StringBuilder(plan.stage()).append(' ').append(plan.details());
        for (QueryPlan child : plan.children()) {
            out.append(" / ").append(plan(child));
        }
        return out.toString();
    }

    private DocumentCollection users() {
        DocumentCollection users = documents.createCollection("users");
        for (int i = 0; i < 5; i++) {
            users.insert(Document.of("u" + i, Map.of("email", "e" + i)));
        }
        return users;
    }

    private static Query byEmail(String email) {
        return Query.where(Map.of("email", email));
    }

    @Test
    void anIndexCreatedOrDroppedElsewhereIsSeenByTheNextQuery() {
        DocumentCollection users = users();
        assertTrue(plan(users.explain(byEmail("e1"))).contains("COLLECTION_SCAN"));
        assertEquals(List.of("u1"), ids(users, byEmail("e1")));
        index(users, IndexDefinition.of("by_email", "email"));
        assertTrue(plan(users.explain(byEmail("e1"))).contains("INDEX_SCAN by_email"), plan(users.explain(byEmail("e1"))));
        assertEquals(List.of("u1"), ids(users, byEmail("e1")));
        assertTrue(users.dropIndex("by_email"));
        assertTrue(plan(users.explain(byEmail("e2"))).contains("COLLECTION_SCAN"));
        assertEquals(List.of("u2"), ids(users, byEmail("e2")));
        index(users, IndexDefinition.unique("by_email", "email"));
        assertEquals(1, users.indexes().size());
        assertTrue(users.indexes().get(0).definition().unique());
        assertEquals(List.of("u3"), ids(users, byEmail("e3")));
    }

    @Test
    void aSchemaSetElsewhereIsSeenByTheNextRead() {
        DocumentCollection users = users();
        assertTrue(users.schema().isEmpty());
        users.setSchema("{\"type\":\"object\",\"required\":[\"email\"]}");
        assertEquals(1, users.schema().orElseThrow().version());
        users.setSchema(null);
        assertTrue(users.schema().isEmpty());
    }

    @Test
    void aReadOnlyTransactionAtAnOldSnapshotSeesTheOldMetadata() {
        DocumentCollection users = users();
        assertTrue(users.indexes().isEmpty());
        try (Transaction old = store.begin(TransactionMode.READ_ONLY)) {
            index(users, IndexDefinition.of("by_email", "email"));
            assertEquals(1, users.indexes().size()); // remembered at the new snapshot
            assertTrue(plan(users.in(old).explain(byEmail("e1"))).contains("COLLECTION_SCAN"));
            assertEquals(List.of("u1"), ids(users.in(old).find(byEmail("e1"))));
        }
        assertTrue(plan(users.explain(byEmail("e1"))).contains("INDEX_SCAN by_email"));
    }

    @Test
    void twoStoresOfOneNameAtOneSequenceDoNotShareMetadata() {
        ManagedStore twin = EngineStores.open(engine(), directory.resolve("twin"));
        try {
            assertEquals(store.name(), twin.name());
            DocumentCollection here = documents.createCollection("users");
            DocumentCollection there = service.documents(twin).createCollection("users");
            index(here, IndexDefinition.of("by_email", "email"));
            index(there, IndexDefinition.of("by_name", "name"));
            // engines number their stores independently (the memory engine above every sequence the JVM published):
            // key-value commits outside the collection bring the store behind up to the other's sequence
            for (int pad = 0; pad < 10_000 && sequence(store) != sequence(twin); pad++) {
                ManagedStore behind = sequence(store) < sequence(twin) ? store : twin;
                behind.put("pad", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertEquals(sequence(store), sequence(twin), "the twins must be at one sequence for this test to mean much");
            for (int round = 0; round < 2; round++) {
                assertEquals("by_email", here.indexes().get(0).name());
                assertEquals("by_name", there.indexes().get(0).name());
                assertTrue(plan(here.explain(byEmail("e1"))).contains("INDEX_SCAN by_email"));
                assertTrue(plan(there.explain(byEmail("e1"))).contains("COLLECTION_SCAN"));
            }
        } finally {
            EngineStores.close(twin);
        }
    }

    private static long sequence(ManagedStore of) {
        return of.read(Transaction::snapshotSequence);
    }

    /**
     * A document with an array makes the index multikey in the metadata, in the writing transaction. Before it, a
     * query remembered the metadata at the very snapshot the caller's transaction reads: that transaction must plan
     * with its own metadata (a multikey scan yields a document once per element, so an {@code $in} over two elements
     * would return it twice), and after its rollback nobody may see its change.
     */
    @Test
    void aCallersTransactionThatChangedTheMetadataSeesItsChangeAndNobodyElseDoes() {
        DocumentCollection users = users();
        index(users, IndexDefinition.of("by_tags", "tags"));
        Query both = Query.where(Map.of("tags", Map.of("$in", List.of("x", "y"))));
        assertFalse(users.indexes().get(0).multikey()); // remembered at the current snapshot
        assertEquals(List.of(), ids(users, both));
        try (Transaction tx = store.begin()) {
            assertEquals(store.read(Transaction::snapshotSequence), tx.snapshotSequence());
            users.in(tx).insert(Document.of("a", Map.of("email", "a", "tags", List.of("x", "y"))));
            assertEquals(List.of("a"), ids(users.in(tx).find(both)));
            assertEquals(1L, users.in(tx).count(both.filter()));
            tx.rollback();
        }
        List<IndexInfo> after = users.indexes();
        assertFalse(after.get(0).multikey(), "a rolled-back transaction's metadata was remembered");
        assertEquals(List.of(), ids(users, both));
        users.insert(Document.of("a", Map.of("email", "a", "tags", List.of("x", "y"))));
        assertTrue(users.indexes().get(0).multikey());
        assertEquals(List.of("a"), ids(users, both));
        assertNull(users.get("b").orElse(null));
    }

    /** A collection made again under the same name numbers its schemas from 1 again: the new schema is the one used. */
    @Test
    void aSchemaOfACollectionMadeAgainIsTheOneChecked() {
        DocumentCollection first = documents.createCollection("people");
        first.setSchema("{\"type\":\"object\",\"required\":[\"a\"]}");
        first.insert(Document.of("p1", Map.of("a", 1L)));
        assertTrue(documents.dropCollection("people"));
        DocumentCollection again = documents.createCollection("people");
        again.setSchema("{\"type\":\"object\",\"required\":[\"b\"]}");
        assertEquals(1, again.schema().orElseThrow().version());
        org.junit.jupiter.api.Assertions.assertThrows(dev.strata.api.document.SchemaViolationException.class,
                () -> again.insert(Document.of("p2", Map.of("a", 1L))));
        again.insert(Document.of("p3", Map.of("b", 1L)));
    }
}
