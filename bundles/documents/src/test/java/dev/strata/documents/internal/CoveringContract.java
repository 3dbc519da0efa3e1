package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.Query;
import dev.strata.api.document.QueryPlan;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Covering plans: a projection served by an index's entries, without fetching a document; the same on every engine. */
abstract class CoveringContract extends EngineCase {

    DocumentCollection people;

    @BeforeEach
    void seed() {
        people = documents.createCollection("people");
        people.insertJson("{\"_id\":\"ada\",\"name\":\"Ada\",\"age\":36,\"address\":{\"city\":\"London\"},\"bio\":\"x\"}");
        people.insertJson("{\"_id\":\"bob\",\"name\":\"Bob\",\"age\":25,\"address\":{\"city\":\"Leeds\"}}");
        people.insertJson("{\"_id\":\"cy\",\"name\":\"Cy\",\"age\":41.5}");
        people.insertJson("{\"_id\":\"dee\",\"name\":\"Dee\",\"age\":null}");
        people.insertJson("{\"_id\":\"eve\",\"name\":\"Eve\"}");
        index(people, IndexDefinition.of("age_name", "age", "name"));
        index(people, IndexDefinition.of("city", "address.city"));
    }

    private List<String> json(Query query) {
        List<String> out = new ArrayList<>();
        try (DocumentCursor cursor = people.find(query)) {
            cursor.forEachRemaining(d -> out.add(d.toJson()));
        }
        return out;
    }

    @Test
    void aProjectionOfIndexedFieldsIsAnsweredFromTheIndexAlone() {
        Query query = Query.where(json("{\"age\":{\"$gte\":30}}")).sortBy("age").project("name", "age");
        assertEquals(List.of("{\"_id\":\"ada\",\"name\":\"Ada\",\"age\":36}", "{\"_id\":\"cy\",\"name\":\"Cy\",\"age\":41.5}"),
                json(query));
        QueryPlan plan = people.explain(query);
        assertTrue(plan.hasStage("INDEX_ONLY") && plan.usesIndex("age_name"), plan.render());
        assertFalse(plan.hasStage("FETCH"), plan.render());
        assertEquals(0, plan.totalDocsExamined(), "no document is fetched:\n" + plan.render());
        assertEquals(2, plan.returned());

        QueryPlan notCovered = people.explain(Query.where(json("{\"age\":{\"$gte\":30}}")).project("name", "bio"));
        assertTrue(notCovered.hasStage("FETCH") && !notCovered.hasStage("INDEX_ONLY"), notCovered.render());
        assertEquals(2, notCovered.totalDocsExamined());
    }

    @Test
    void nullMissingAndNestedValuesComeBackExactly() {
        assertEquals(List.of("{\"_id\":\"dee\",\"name\":\"Dee\",\"age\":null}", "{\"_id\":\"eve\",\"name\":\"Eve\"}"),
                json(Query.where(json("{\"age\":null}")).sortBy("name").project("name", "age")));
        Query byCity = Query.where(json("{\"address.city\":{\"$gte\":\"L\"}}")).sortBy("address.city").project("address.city");
        assertEquals(List.of("{\"_id\":\"bob\",\"address\":{\"city\":\"Leeds\"}}",
                "{\"_id\":\"ada\",\"address\":{\"city\":\"London\"}}"), json(byCity));
        assertEquals(0, people.explain(byCity).totalDocsExamined(), people.explain(byCity).render());
        try (DocumentCursor cursor = people.find(byCity)) {
            Document first = cursor.next();
            assertNull(first.metadata(), "a document read from an index has no metadata");
            assertEquals(0, first.version());
        }
    }

    @Test
    void coveredValuesFollowEveryWrite() {
        Query query = Query.where(json("{\"name\":{\"$exists\":true}}")).hint("age_name").sortBy("age", "name")
                .project("name", "age");
        people.replace("bob", json("{\"name\":\"Bob\",\"age\":25.0}"), -1); // the same index key as 25
        people.update("ada", json("{\"age\":37}"), -1);
        people.replace("eve", json("{\"name\":\"Eve\",\"age\":{\"years\":30}}"), -1);
        people.delete("cy");
        assertEquals(List.of("{\"_id\":\"dee\",\"name\":\"Dee\",\"age\":null}", "{\"_id\":\"bob\",\"name\":\"Bob\",\"age\":25.0}",
                "{\"_id\":\"ada\",\"name\":\"Ada\",\"age\":37}", "{\"_id\":\"eve\",\"name\":\"Eve\",\"age\":{\"years\":30}}"),
                json(query));
        assertEquals(0, people.explain(query).totalDocsExamined(), people.explain(query).render());
        IndexAudit.check(store, "people");
    }

    @Test
    void anArrayPathOrAnOldEntryIsFetched() {
        people.insertJson("{\"_id\":\"fay\",\"name\":\"Fay\",\"age\":[1,2]}"); // age_name is now multikey
        QueryPlan multikey = people.explain(Query.where(json("{\"age\":{\"$gte\":30}}")).project("age", "name"));
        assertFalse(multikey.hasStage("INDEX_ONLY"), multikey.render());

        Query byCity = Query.where(json("{\"address.city\":\"Leeds\"}")).project("address.city");
        String key = layerKeys().stream().map(Entry::key).filter(k -> k.contains("Leeds")).findFirst().orElseThrow();
        store.put(key, "bob".getBytes(StandardCharsets.UTF_8)); // an entry as written before covering plans existed
        assertEquals(List.of("{\"_id\":\"bob\",\"address\":{\"city\":\"Leeds\"}}"), json(byCity));
        assertEquals(1, people.explain(byCity).totalDocsExamined(), "the old entry's document is fetched");
        assertEquals(2, people.count(Map.of("address.city", Map.of("$exists", true))));
    }

    @Test
    void aMultikeyIndexCoversItsOtherPathsButNeverTheArray() {
        DocumentCollection articles = documents.createCollection("articles");
        articles.insertJson("{\"_id\":\"a1\",\"year\":2021,\"tags\":[\"ml\",\"systems\"],\"title\":\"t1\"}");
        articles.insertJson("{\"_id\":\"a2\",\"year\":2019,\"tags\":[\"food\"],\"title\":\"t2\"}");
        articles.insertJson("{\"_id\":\"a3\",\"year\":2023.0,\"tags\":\"systems\",\"title\":\"t3\"}");
        articles.insertJson("{\"_id\":\"a4\",\"year\":2024,\"tags\":[],\"title\":\"t4\"}");
        index(articles, IndexDefinition.of("year_tags", "year", "tags"));
        assertTrue(articles.indexes().get(0).multikey());

        // year is never an array: the entries answer, one per document although a1 has two of them
        Query years = Query.where(json("{\"year\":{\"$gte\":2020}}")).project("year");
        assertEquals(List.of("{\"_id\":\"a1\",\"year\":2021}", "{\"_id\":\"a3\",\"year\":2023.0}",
                "{\"_id\":\"a4\",\"year\":2024}"), json(articles, years));
        QueryPlan plan = articles.explain(years);
        assertTrue(plan.hasStage("INDEX_ONLY") && plan.render().contains("year_tags (multikey)"), plan.render());
        assertEquals(0, plan.totalDocsExamined(), plan.render());
        assertEquals(3, articles.count(json("{\"year\":{\"$gte\":2020}}")));

        // the array path itself: an entry holds one element, so projecting, filtering or sorting on it fetches
        Query withTags = Query.where(json("{\"year\":{\"$gte\":2020}}")).project("year", "tags");
        assertEquals(List.of("{\"_id\":\"a1\",\"year\":2021,\"tags\":[\"ml\",\"systems\"]}",
                "{\"_id\":\"a3\",\"year\":2023.0,\"tags\":\"systems\"}", "{\"_id\":\"a4\",\"year\":2024,\"tags\":[]}"),
                json(articles, withTags));
        for (Query query : List.of(withTags,
                Query.where(json("{\"year\":2021,\"tags\":\"ml\"}")).project("year"),
                Query.where(json("{\"year\":{\"$gte\":2020}}")).sortBy("tags").project("year"))) {
            QueryPlan fetched = articles.explain(query);
            assertFalse(fetched.hasStage("INDEX_ONLY"), fetched.render());
            assertTrue(fetched.totalDocsExamined() > 0, fetched.render());
        }
        assertEquals(List.of("{\"_id\":\"a1\",\"year\":2021}"),
                json(articles, Query.where(json("{\"year\":2021,\"tags\":\"ml\"}")).project("year")));

        // a document whose year becomes an array turns year into an array path too: no more covering on it
        articles.update("a3", json("{\"year\":[2023,2025]}"), -1);
        assertFalse(articles.explain(years).hasStage("INDEX_ONLY"), articles.explain(years).render());
        assertEquals(List.of("{\"_id\":\"a1\",\"year\":2021}", "{\"_id\":\"a3\",\"year\":[2023,2025]}",
                "{\"_id\":\"a4\",\"year\":2024}"), json(articles, years));
        IndexAudit.check(store, "articles");
    }

    @Test
    void aPathThroughAnArrayOfObjectsIsMultikeyAndEachDocumentComesOnce() {
        DocumentCollection orders = documents.createCollection("orders");
        orders.insertJson("{\"_id\":\"o1\",\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}");
        orders.insertJson("{\"_id\":\"o2\",\"items\":[{\"sku\":\"b\"}]}");
        Query query = Query.where(json("{\"items.sku\":{\"$gte\":\"a\"}}")).project("items.sku");
        List<String> scanned = json(orders, query);
        assertEquals(2, scanned.size());
        index(orders, IndexDefinition.of("sku", "items.sku"));
        assertEquals(scanned, json(orders, query), "each document once, as the collection scan gave it");
        assertTrue(orders.indexes().get(0).multikey(), "two values through an array of objects: multikey");
        assertFalse(orders.explain(query).hasStage("INDEX_ONLY"), orders.explain(query).render());
        assertEquals(2, orders.count(json("{\"items.sku\":{\"$gte\":\"a\"}}")));
    }

    private static List<String> json(DocumentCollection collection, Query query) {
        List<String> out = new ArrayList<>();
        try (DocumentCursor cursor = collection.find(query)) {
            cursor.forEachRemaining(d -> out.add(d.toJson()));
        }
        return out;
    }
}
