package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.Entry;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOperations;
import dev.strata.api.Savepoint;
import dev.strata.api.Transaction;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.InvalidDocumentException;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueIndex;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.document.Query;
import dev.strata.api.document.QueryPlan;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key-value indexes and continuation tokens for key-value queries: the same on every engine. */
abstract class KeyValueIndexContract extends EngineCase {

    @BeforeEach
    void seed() {
        store.inTransaction(tx -> {
            for (int i = 0; i < 450; i++) { // more than two build batches
                tx.put(String.format("users.u%03d", i), ("{\"age\":" + (i % 50) + ",\"city\":\"c" + (i % 7) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        put("users.raw", "not json");
        put("orders.1", "{\"age\":7}");
    }

    private void put(String key, String json) {
        store.put(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> keys(ReadOperations source, KeyValueQuery query) {
        List<String> out = new ArrayList<>();
        try (JsonEntryCursor cursor = service.query(source, query)) {
            cursor.forEachRemaining(e -> out.add(e.key()));
        }
        return out;
    }

    private List<String> keys(KeyValueQuery query) {
        return keys(store, query);
    }

    @Test
    void anIndexServesEqualityAndRangesWithTheSameAnswers() {
        KeyValueQuery byAge = KeyValueQuery.of("users.*").where(json("{\"age\":7}"));
        KeyValueQuery range = KeyValueQuery.of("users.*").where(json("{\"age\":{\"$gte\":48}}")).sortBy("age");
        List<String> scanned = keys(byAge);
        List<String> scannedRange = keys(range);
        assertEquals(9, scanned.size());
        assertEquals("KEY_SCAN", leaf(service.explain(store, byAge)).stage());

        KeyValueIndex created = service.createKeyValueIndex(store, KeyValueIndex.of("by_age", "users.*", "age"));
        assertEquals(IndexState.READABLE, created.state());
        assertEquals(List.of(created), service.keyValueIndexes(store));
        assertEquals(scanned, keys(byAge).stream().sorted().toList());
        assertEquals(scannedRange, keys(range));
        QueryPlan plan = service.explain(store, byAge);
        assertTrue(plan.usesIndex("by_age") && plan.hasStage("KEY_FETCH"), plan.render());
        assertEquals(9, plan.totalDocsExamined(), "only the matching keys are read:\n" + plan.render());
        QueryPlan sorted = service.explain(store, range);
        assertFalse(sorted.hasStage("SORT"), "the index order serves the sort:\n" + sorted.render());
        // another pattern is not served by it
        assertEquals(List.of("orders.1"), keys(KeyValueQuery.of("orders.*").where(json("{\"age\":7}"))));
        assertFalse(service.explain(store, KeyValueQuery.of("orders.*").where(json("{\"age\":7}"))).usesIndex("by_age"));
    }

    @Test
    void writesThroughTheStoreKeepTheIndexInTheirTransaction() {
        service.createKeyValueIndex(store, KeyValueIndex.of("by_city", "users.*", "city"));
        KeyValueQuery inNew = KeyValueQuery.of("users.*").where(json("{\"city\":\"new\"}"));
        put("users.u001", "{\"city\":\"new\"}");                      // replace
        put("users.zed", "{\"city\":\"new\",\"age\":1}");              // insert
        store.delete("users.u002");                                    // delete (u002 was in c2)
        store.inTransaction(tx -> {                                    // a caller's transaction
            tx.put("users.u003", "{\"city\":[\"new\",\"old\"]}".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("users.u001", "users.u003", "users.zed"), keys(tx, inNew), "its own writes");
        });
        try (Transaction tx = store.begin(dev.strata.api.TransactionMode.READ_WRITE)) { // rolled back
            tx.put("users.u004", "{\"city\":\"new\"}".getBytes(StandardCharsets.UTF_8));
            tx.rollback();
        }
        assertEquals(List.of("users.u001", "users.u003", "users.zed"), keys(inNew));
        assertFalse(keys(KeyValueQuery.of("users.*").where(json("{\"city\":\"c2\"}"))).contains("users.u002"));
        assertTrue(service.keyValueIndexes(store).get(0).state() == IndexState.READABLE);
        KeyValueIndexAudit.check(store);
    }

    @Test
    void aSavepointRollbackAndARefusedPutUndoTheirEntries() {
        service.createKeyValueIndex(store, KeyValueIndex.of("by_age", "users.*", "age")); // maintained first
        service.createKeyValueIndex(store, KeyValueIndex.of("by_city", "users.*", "city"));
        String tooLong = "x".repeat(1100);
        store.inTransaction(tx -> {
            tx.put("users.u010", "{\"city\":\"kept\"}".getBytes(StandardCharsets.UTF_8));
            Savepoint savepoint = tx.setSavepoint();
            tx.put("users.u010", "{\"city\":\"undone\"}".getBytes(StandardCharsets.UTF_8));
            tx.delete("users.u011");
            tx.rollbackTo(savepoint);
            // refused by the index (its key would be over the limit): the value and its entries stay as they were
            InvalidDocumentException refused = assertThrows(InvalidDocumentException.class, () -> tx.put("users.u012",
                    ("{\"age\":99,\"city\":\"" + tooLong + "\"}").getBytes(StandardCharsets.UTF_8)));
            assertTrue(refused.getMessage().contains("too long"), refused.getMessage());
        });
        assertEquals(List.of("users.u010"), keys(KeyValueQuery.of("users.*").where(json("{\"city\":\"kept\"}"))));
        assertEquals(List.of(), keys(KeyValueQuery.of("users.*").where(json("{\"city\":\"undone\"}"))));
        assertTrue(keys(KeyValueQuery.of("users.*").where(json("{\"city\":\"c4\"}"))).contains("users.u011"));
        assertTrue(keys(KeyValueQuery.of("users.*").where(json("{\"city\":\"c5\"}"))).contains("users.u012"));
        assertEquals(List.of(), keys(KeyValueQuery.of("users.*").where(json("{\"age\":99}"))), "no entry of the refused put");
        KeyValueIndexAudit.check(store);
    }

    @Test
    void dropRemovesEveryEntryAndQueriesScanAgain() {
        service.createKeyValueIndex(store, KeyValueIndex.of("by_age", "users.*", "age"));
        assertThrows(InvalidArgumentException.class,
                () -> service.createKeyValueIndex(store, KeyValueIndex.of("by_age", "users.*", "city")));
        assertTrue(service.dropKeyValueIndex(store, "by_age"));
        assertFalse(service.dropKeyValueIndex(store, "by_age"));
        assertEquals(List.of(), service.keyValueIndexes(store));
        assertEquals(0, layerKeys().stream().map(Entry::key).filter(k -> k.startsWith("_doc/0/")).count());
        put("users.u000", "{\"age\":3}"); // no index: nothing written for it
        assertEquals(0, layerKeys().stream().map(Entry::key).filter(k -> k.startsWith("_doc/0/")).count());
        assertEquals(9, keys(KeyValueQuery.of("users.*").where(json("{\"age\":7}"))).size());
    }

    @Test
    void continuationTokensPageThroughEveryOrderStrictlyAfterThePosition() {
        for (boolean indexed : new boolean[] {false, true}) {
            if (indexed) {
                service.createKeyValueIndex(store, KeyValueIndex.of("by_age", "users.*", "age"));
            }
            for (KeyValueQuery query : List.of(KeyValueQuery.of("users.*"),
                    KeyValueQuery.of("users.*").where(json("{\"age\":{\"$lt\":10}}")),
                    KeyValueQuery.of("users.*").where(json("{\"city\":\"c3\"}")).sortBy("-age"))) {
                List<String> all = keys(query);
                List<String> paged = new ArrayList<>();
                String token = null;
                do {
                    KeyValueQuery page = query.limit(37).after(token);
                    int before = paged.size();
                    try (JsonEntryCursor cursor = service.query(store, page)) {
                        assertNull(cursor.continuation());
                        while (cursor.hasNext()) {
                            paged.add(cursor.next().key());
                            token = cursor.continuation();
                        }
                    }
                    if (paged.size() - before < 37) {
                        token = null;
                    }
                } while (token != null);
                assertEquals(all, paged, query + (indexed ? " with the index" : ""));
            }
        }
    }

    @Test
    void aTokenIsStableAcrossWritesBetweenPages() {
        KeyValueQuery query = KeyValueQuery.of("users.*").where(json("{\"age\":{\"$lt\":5}}")).limit(10);
        String token;
        List<String> first = new ArrayList<>();
        try (JsonEntryCursor cursor = service.query(store, query)) {
            cursor.forEachRemaining(e -> first.add(e.key()));
            token = cursor.continuation();
        }
        assertEquals("users.u054", first.get(first.size() - 1));
        put("users.u000a", "{\"age\":1}");  // before the position: not seen
        put("users.u054a", "{\"age\":1}");  // just after it: seen
        store.delete("users.u100");         // the next match gone: the page starts after it
        List<String> second = keys(query.after(token));
        assertEquals(List.of("users.u054a", "users.u101", "users.u102", "users.u103", "users.u104", "users.u150",
                "users.u151", "users.u152", "users.u153", "users.u154"), second);
    }

    @Test
    void aTokenOfAnotherQueryIsRefused() {
        String token;
        try (JsonEntryCursor cursor = service.query(store, KeyValueQuery.of("users.*").sortBy("age").limit(1))) {
            cursor.next();
            token = cursor.continuation();
        }
        assertThrows(InvalidQueryException.class, () -> keys(KeyValueQuery.of("orders.*").sortBy("age").after(token)));
        assertThrows(InvalidQueryException.class, () -> keys(KeyValueQuery.of("users.*").sortBy("city").after(token)));
        assertThrows(InvalidQueryException.class, () -> keys(KeyValueQuery.of("users.*").after("%%%")));
        var articles = documents.createCollection("articles");
        assertThrows(InvalidQueryException.class, () -> articles.find(Query.all().sortBy("age").after(token)));
    }

    private static QueryPlan leaf(QueryPlan plan) {
        return plan.children().isEmpty() ? plan : leaf(plan.children().get(0));
    }

}
