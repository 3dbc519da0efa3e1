package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.Query;
import dev.strata.api.document.QueryPlan;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;
import dev.strata.api.document.UniqueIndexViolationException;

import org.junit.jupiter.api.Test;

/** Indexes, the planner, full-text search: the same results with and without indexes, on every engine. */
abstract class IndexContract extends EngineCase {

    private DocumentCollection orders(int count) {
        DocumentCollection c = documents.createCollection("orders");
        List<Document> batch = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(Document.of(String.format("o%04d", i), Map.of("status", i % 3 == 0 ? "open" : "done",
                    "total", i % 50, "customer", Map.of("tier", i % 4), "tags", List.of("t" + i % 5, "t" + i % 7))));
        }
        c.insertAll(batch);
        return c;
    }

    @Test
    void anIndexBuiltInTheBackgroundServesTheSameResults() {
        DocumentCollection c = orders(450); // more than two build batches
        Query query = Query.where(json("{\"status\":\"open\",\"total\":{\"$gte\":10,\"$lt\":20}}")).sortBy("total");
        List<String> scanned = ids(c, query);
        QueryPlan before = c.explain(query);
        assertTrue(before.hasStage("COLLECTION_SCAN") && before.hasStage("SORT"), before.render());

        index(c, IndexDefinition.of("status_total", "status", "total"));
        assertEquals(IndexState.READABLE, c.indexes().get(0).state());
        assertEquals(scanned, ids(c, query));
        QueryPlan after = c.explain(query);
        assertTrue(after.usesIndex("status_total"), after.render());
        assertFalse(after.hasStage("SORT"), "the index order serves the sort:\n" + after.render());
        assertEquals(scanned.size(), after.returned());
        assertEquals(scanned.size(), after.children().get(0).docsExamined(), "only matches are fetched");
    }

    @Test
    void writesKeepIndexesConsistent() {
        DocumentCollection c = orders(60);
        index(c, IndexDefinition.of("tier", "customer.tier"));
        index(c, IndexDefinition.of("tags", "tags"));
        c.update("o0001", Map.of("customer", Map.of("tier", 9)), -1);
        c.delete("o0002");
        c.replace("o0003", Map.of("tags", List.of("zz")), -1);
        assertEquals(List.of("o0001"), ids(c, "{\"customer.tier\":9}"));
        assertTrue(c.explain(Query.where(json("{\"customer.tier\":9}"))).usesIndex("tier"));
        assertEquals(List.of("o0003"), ids(c, "{\"tags\":\"zz\"}"));
        assertTrue(c.indexes().stream().anyMatch(i -> i.name().equals("tags") && i.multikey()));
        QueryPlan tags = c.explain(Query.where(json("{\"tags\":\"t3\"}")));
        assertTrue(tags.usesIndex("tags"), tags.render());
        dropAndCompare(c, "{\"tags\":{\"$in\":[\"t1\",\"t6\"]}}", "tags");
        dropAndCompare(c, "{\"customer.tier\":{\"$gt\":1}}", "tier");
    }

    private void dropAndCompare(DocumentCollection c, String filter, String indexName) {
        List<String> indexed = ids(c, filter);
        assertTrue(c.dropIndex(indexName));
        assertEquals(indexed, ids(c, filter));
        assertFalse(c.explain(Query.where(json(filter))).usesIndex(indexName));
        assertTrue(layerKeys().stream().noneMatch(e -> e.key().startsWith(KeyLayout.indexPrefix(1, 1))
                && indexName.equals("tier")), "a dropped index leaves no entries");
    }

    @Test
    void orUsesAUnionOfIndexScansAndHintsAreHonoured() {
        DocumentCollection c = orders(90);
        index(c, IndexDefinition.of("status", "status"));
        index(c, IndexDefinition.of("total", "total"));
        Query or = Query.where(json("{\"$or\":[{\"status\":\"open\"},{\"total\":{\"$lt\":3}}]}"));
        QueryPlan plan = c.explain(or);
        assertTrue(plan.hasStage("UNION") && plan.usesIndex("status") && plan.usesIndex("total"), plan.render());
        assertEquals(ids(c, or.sortBy("_id").withFilter(json("{\"$or\":[{\"status\":\"open\"},{\"total\":{\"$lt\":3}}]," +
                "\"_id\":{\"$exists\":true}}"))), ids(c, or));
        Query both = Query.where(json("{\"status\":\"open\",\"total\":{\"$lt\":10}}"));
        assertTrue(c.explain(both.hint("total")).usesIndex("total"));
        assertTrue(c.explain(both.hint("status")).usesIndex("status"));
        assertEquals(sorted(ids(c, both.hint("total"))), sorted(ids(c, both.hint("status"))));
        assertEquals(ids(c, both.hint("total").sortBy("_id")), ids(c, both.hint("status").sortBy("_id")));
        IndexNotFoundException missing = assertThrows(IndexNotFoundException.class, () -> c.find(both.hint("nope")));
        assertTrue(missing.getMessage().contains("nope"));
    }

    @Test
    void aWriterWhoseSnapshotPredatesAnIndexCannotCommitWithoutIt() {
        DocumentCollection c = orders(10);
        dev.strata.api.Transaction writer = store.begin();
        c.in(writer).insertJson("{\"_id\":\"late\",\"status\":\"open\",\"total\":7}"); // knows no index
        index(c, IndexDefinition.of("total", "total")); // built without the uncommitted document
        assertThrows(dev.strata.api.ConflictException.class, writer::commit,
                "the index change fenced the writer out: it must retry and then maintain the index");
        writer.close();
        c.insertJson("{\"_id\":\"late\",\"status\":\"open\",\"total\":7}");
        IndexAudit.check(store, "orders");
        assertEquals(List.of("late", "o0007"), ids(c, "{\"total\":7}"));
    }

    @Test
    void uniqueIndexesRefuseDuplicatesAndChangeNothing() {
        DocumentCollection c = documents.createCollection("users");
        index(c, IndexDefinition.unique("email", "email"));
        c.insertJson("{\"_id\":\"a\",\"email\":\"a@x\"}");
        c.insertJson("{\"_id\":\"b\"}");
        c.insertJson("{\"_id\":\"c\"}"); // documents missing the field are not held by a unique index
        var before = layerKeys();
        assertThrows(UniqueIndexViolationException.class, () -> c.insertJson("{\"_id\":\"d\",\"email\":\"a@x\"}"));
        assertThrows(UniqueIndexViolationException.class, () -> c.update("b", Map.of("email", "a@x"), -1));
        assertEquals(before, layerKeys(), "a refused write changed nothing");
        try (dev.strata.api.Transaction tx = store.begin()) {
            assertThrows(UniqueIndexViolationException.class, () -> c.in(tx).insertJson("{\"_id\":\"e\",\"email\":\"a@x\"}"));
            tx.commit();
        }
        assertEquals(before, layerKeys(), "a refused write left nothing in the caller's transaction");
        c.update("a", Map.of("email", "new@x"), -1);
        c.insertJson("{\"_id\":\"d\",\"email\":\"a@x\"}");
        assertEquals(List.of("d"), ids(c, "{\"email\":\"a@x\"}"));
        assertTrue(c.explain(Query.where(json("{\"email\":\"a@x\"}"))).usesIndex("email"));
    }

    @Test
    void aUniqueIndexOverDuplicatesFailsItsBuild() {
        DocumentCollection c = documents.createCollection("users");
        c.insertJson("{\"_id\":\"a\",\"email\":\"a@x\"}");
        c.insertJson("{\"_id\":\"b\",\"email\":\"a@x\"}");
        c.createIndex(IndexDefinition.unique("email", "email"));
        var info = c.awaitIndex("email", java.time.Duration.ofSeconds(30));
        assertEquals(IndexState.FAILED, info.state());
        assertTrue(info.message().contains("email"), info.message());
        assertFalse(c.explain(Query.where(json("{\"email\":\"a@x\"}"))).usesIndex("email"));
    }

    @Test
    void fullTextSearchRanksPhrasesAndPrefixes() {
        DocumentCollection c = documents.createCollection("articles");
        c.insertJson("{\"_id\":\"1\",\"title\":\"Machine learning\",\"body\":\"Learning from data with machines.\"}");
        c.insertJson("{\"_id\":\"2\",\"title\":\"Cooking\",\"body\":\"A machine for learning to cook.\"}");
        c.insertJson("{\"_id\":\"3\",\"title\":\"Gardening\",\"body\":\"Nothing about computers.\"}");
        index(c, IndexDefinition.text("text", "title", "body"));
        c.insertJson("{\"_id\":\"4\",\"title\":\"Deep LEARNING\",\"body\":\"Neural networks, ﬁne-tuned.\"}");
        List<SearchHit> hits = c.search(TextQuery.of("machine learning"));
        assertEquals("1", hits.get(0).document().id(), "both words, in the short title too, rank first");
        assertEquals(List.of("1", "2", "4"), hits.stream().map(h -> h.document().id()).sorted().toList());
        assertEquals(List.of("1"), c.search(TextQuery.of("\"machine learning\"")).stream()
                .map(h -> h.document().id()).toList(), "a phrase needs the words in order");
        assertEquals(List.of(), c.search(TextQuery.of("\"machine learning\"").fields("body")));
        assertEquals(List.of("2"), c.search(TextQuery.of("\"learning to cook\"").fields("body")).stream()
                .map(h -> h.document().id()).toList());
        assertEquals(List.of("3"), c.search(TextQuery.of("comput*")).stream().map(h -> h.document().id()).toList());
        assertEquals(List.of("4"), c.search(TextQuery.of("fine")).stream().map(h -> h.document().id()).toList(),
                "NFKC turns the ligature into f i");
        c.delete("1");
        assertFalse(c.search(TextQuery.of("machine")).stream().anyMatch(h -> h.document().id().equals("1")));
        assertThrows(IndexNotFoundException.class,
                () -> documents.createCollection("plain").search(TextQuery.of("x")));
    }
}
