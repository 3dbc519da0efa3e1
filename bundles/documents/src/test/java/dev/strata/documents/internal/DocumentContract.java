package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.Transaction;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentNotFoundException;
import dev.strata.api.document.DocumentPatch;
import dev.strata.api.document.DuplicateDocumentException;
import dev.strata.api.document.Page;
import dev.strata.api.document.Query;
import dev.strata.api.document.VersionConflictException;

import org.junit.jupiter.api.Test;

/** Collections, documents, metadata, transactions and queries without indexes: the same on every engine. */
abstract class DocumentContract extends EngineCase {

    record Person(String id, String name, int age) {
    }

    @Test
    void collectionsAreCreatedListedAndDropped() {
        documents.createCollection("b");
        documents.createCollection("a").insertJson("{\"_id\":\"x\",\"v\":1}");
        assertEquals(List.of("a", "b"), documents.collectionNames());
        assertTrue(documents.dropCollection("a"));
        assertFalse(documents.dropCollection("a"));
        assertEquals(List.of("b"), documents.collectionNames());
        DocumentCollection again = documents.createCollection("a");
        assertTrue(again.get("x").isEmpty(), "a dropped collection's documents are gone");
        assertTrue(layerKeys().stream().noneMatch(e -> e.key().startsWith("_doc/2/")),
                "no key of the dropped collection (uid 2) is left");
    }

    @Test
    void insertGetReplaceUpdateDeleteWithMetadata() {
        DocumentCollection people = documents.createCollection("people");
        Document ada = people.insertJson("{\"_id\":\"ada\",\"name\":\"Ada\",\"address\":{\"city\":\"London\",\"zip\":\"N1\"}}");
        assertEquals(1, ada.version());
        assertEquals(ada.metadata().created(), ada.metadata().updated());
        Document generated = people.insert(Document.of(Map.of("name", "Anon")));
        assertNotNull(generated.id());
        assertEquals("Anon", people.get(generated.id()).orElseThrow().content().get("name"));

        Document replaced = people.replace("ada", Map.of("name", "Ada L."), 1);
        assertEquals(2, replaced.version());
        assertEquals(ada.metadata().created(), replaced.metadata().created());
        Document updated = people.update("ada", json("{\"age\":36,\"name\":null}"), 2);
        assertEquals(Map.of("age", 36L), updated.content());
        assertEquals(3, people.get("ada").orElseThrow().version());

        VersionConflictException stale = assertThrows(VersionConflictException.class,
                () -> people.update("ada", Map.of("age", 1), 2));
        assertEquals(3, stale.actual());
        assertEquals(36L, people.get("ada").orElseThrow().content().get("age"), "a stale write changed nothing");
        assertThrows(VersionConflictException.class, () -> people.delete("ada", 1));
        assertTrue(people.delete("ada", 3));
        assertFalse(people.delete("ada"));
        assertThrows(DocumentNotFoundException.class, () -> people.replace("ada", Map.of(), -1));
    }

    @Test
    void recordsGoInAndComeOutThroughJackson() {
        DocumentCollection people = documents.createCollection("people");
        people.insertObject(new Person("grace", "Grace", 45));
        assertEquals(new Person("grace", "Grace", 45), people.get("grace", Person.class).orElseThrow());
        assertEquals("{\"_id\":\"grace\",\"id\":\"grace\",\"name\":\"Grace\",\"age\":45}",
                people.get("grace").orElseThrow().toJson());
    }

    @Test
    void batchesAreAllOrNothing() {
        DocumentCollection c = documents.createCollection("c");
        c.insertAll(List.of(doc("a", "n", 1), doc("b", "n", 2)));
        assertThrows(DuplicateDocumentException.class, () -> c.insertAll(List.of(doc("c", "n", 3), doc("a", "n", 4))));
        assertTrue(c.get("c").isEmpty(), "the first of a failed batch was rolled back");
        c.updateAll(List.of(DocumentPatch.of("a", Map.of("n", 10)), DocumentPatch.of("b", Map.of("n", 20))));
        assertEquals(20L, c.get("b").orElseThrow().content().get("n"));
        assertThrows(DocumentNotFoundException.class, () -> c.updateAll(List.of(DocumentPatch.of("a", Map.of("n", 0)),
                DocumentPatch.of("zz", Map.of("n", 0)))));
        assertEquals(10L, c.get("a").orElseThrow().content().get("n"));
        assertEquals(2, c.deleteAll(List.of("a", "b", "nope")));
        assertEquals(0, c.count(Map.of()));
    }

    @Test
    void documentAndKeyValueWritesShareOneTransaction() {
        DocumentCollection c = documents.createCollection("c");
        try (Transaction tx = store.begin()) {
            c.in(tx).insertJson("{\"_id\":\"a\",\"n\":1}");
            tx.put("counter", "1".getBytes(StandardCharsets.UTF_8));
            assertTrue(c.in(tx).get("a").isPresent(), "the transaction sees its own document");
            assertTrue(c.get("a").isEmpty(), "others do not before commit");
            tx.rollback();
        }
        assertTrue(c.get("a").isEmpty());
        assertTrue(store.get("counter").isEmpty());
        store.inTransaction(tx -> {
            c.in(tx).insertJson("{\"_id\":\"a\",\"n\":1}");
            tx.put("counter", "1".getBytes(StandardCharsets.UTF_8));
        });
        assertTrue(c.get("a").isPresent());
        assertEquals("1", new String(store.get("counter").orElseThrow(), StandardCharsets.UTF_8));
    }

    private DocumentCollection people() {
        DocumentCollection c = documents.createCollection("q");
        c.insertJson("{\"_id\":\"1\",\"name\":\"ann\",\"age\":30,\"tags\":[\"a\",\"b\"],\"addr\":{\"city\":\"Oslo\"}}");
        c.insertJson("{\"_id\":\"2\",\"name\":\"bob\",\"age\":25,\"tags\":[\"b\"],\"addr\":{\"city\":\"Rome\"}}");
        c.insertJson("{\"_id\":\"3\",\"name\":\"cid\",\"age\":35.5,\"tags\":[],\"active\":true}");
        c.insertJson("{\"_id\":\"4\",\"name\":\"dan\",\"age\":\"unknown\",\"items\":[{\"sku\":\"x\",\"n\":2},{\"sku\":\"y\",\"n\":5}]}");
        c.insertJson("{\"_id\":\"5\",\"name\":\"eve\",\"age\":30,\"active\":false,\"addr\":{\"city\":\"Oslo\"}}");
        return c;
    }

    @Test
    void filterOperators() {
        DocumentCollection c = people();
        assertEquals(List.of("1", "5"), ids(c, "{\"age\":30}"));
        assertEquals(List.of("2", "3", "4"), ids(c, "{\"age\":{\"$ne\":30}}"));
        assertEquals(List.of("1", "3", "5"), ids(c, "{\"age\":{\"$gte\":30}}"), "ranges compare numbers only");
        assertEquals(List.of("2"), ids(c, "{\"age\":{\"$gt\":20,\"$lt\":30}}"));
        assertEquals(List.of("3"), ids(c, "{\"age\":{\"$lte\":40,\"$gt\":30}}"));
        assertEquals(List.of("2", "3"), ids(c, "{\"age\":{\"$in\":[25,35.5]}}"));
        assertEquals(List.of("1", "4", "5"), ids(c, "{\"age\":{\"$nin\":[25,35.5]}}"));
        assertEquals(List.of("3", "5"), ids(c, "{\"active\":{\"$exists\":true}}"));
        assertEquals(List.of("1", "2", "4"), ids(c, "{\"active\":{\"$exists\":false}}"));
        assertEquals(List.of("1", "2"), ids(c, "{\"tags\":\"b\"}"), "equality matches array elements");
        assertEquals(List.of("3"), ids(c, "{\"tags\":[]}"), "and whole arrays");
        assertEquals(List.of("1", "5"), ids(c, "{\"addr.city\":\"Oslo\"}"));
        assertEquals(List.of("4"), ids(c, "{\"items.sku\":\"y\"}"), "paths reach into arrays of objects");
        assertEquals(List.of("4"), ids(c, "{\"items.n\":{\"$gt\":4}}"));
        assertEquals(List.of("1", "4"), ids(c, "{\"name\":{\"$regex\":\"^(a|d)\"}}"));
        assertEquals(List.of("2"), ids(c, "{\"name\":{\"$regex\":\"^B\",\"$options\":\"i\"}}"));
        assertEquals(List.of("1", "2"), ids(c, "{\"$or\":[{\"name\":\"ann\"},{\"age\":25}]}"));
        assertEquals(List.of("5"), ids(c, "{\"$and\":[{\"age\":30},{\"active\":false}]}"));
        assertEquals(List.of("2", "3", "4"), ids(c, "{\"$not\":{\"age\":30}}"));
        assertEquals(List.of("2"), ids(c, "{\"age\":{\"$not\":{\"$gte\":30}},\"name\":{\"$ne\":\"dan\"}}"));
        assertEquals(List.of("3", "4"), ids(c, "{\"$nor\":[{\"age\":30},{\"age\":25}]}"));
        assertEquals(List.of("2"), ids(c, "{\"_id\":\"2\"}"));
    }

    @Test
    void sortSkipLimitProjectionCount() {
        DocumentCollection c = people();
        assertEquals(List.of("2", "1", "5", "3", "4"), ids(c, Query.all().sortBy("age")), "numbers before strings");
        assertEquals(List.of("4", "3", "5", "1", "2"), ids(c, Query.all().sortBy("-age")), "ties by id descending");
        assertEquals(List.of("2", "5", "1", "3", "4"), ids(c, Query.all().sortBy("age", "-name")));
        assertEquals(List.of("5", "1"), ids(c, Query.all().sortBy("-age").skip(2).limit(2)));
        assertEquals(List.of("5", "4", "3", "2", "1"), ids(c, Query.all().sortBy("-_id")));
        Document projected = c.find(Query.where(json("{\"_id\":\"1\"}")).project("name", "addr.city")).next();
        assertEquals(Map.of("name", "ann", "addr", Map.of("city", "Oslo")), projected.content());
        assertEquals(2, c.count(json("{\"addr.city\":\"Oslo\"}")));
        assertEquals(5, c.count(Map.of()));
    }

    @Test
    void pagesResumeWithContinuationTokens() {
        DocumentCollection c = documents.createCollection("p");
        for (int i = 0; i < 25; i++) {
            c.insert(Document.of(String.format("d%02d", i), Map.of("g", i % 3, "i", i)));
        }
        for (Query query : List.of(Query.all().limit(7), Query.all().sortBy("-g", "i").limit(7))) {
            List<String> expected = ids(c, query.limit(0));
            List<String> paged = new ArrayList<>();
            Page page = c.findPage(query);
            while (true) {
                page.documents().forEach(d -> paged.add(d.id()));
                if (page.continuation() == null) {
                    break;
                }
                // sorts before the position in both orders: never returned by a later page
                c.insert(Document.of("a-new-" + paged.size(), Map.of("g", 99, "i", -1)));
                page = c.findPage(query.after(page.continuation()));
            }
            assertEquals(expected, paged, "pages continue where the last ended, whatever was inserted before it");
            c.deleteAll(ids(c, "{\"g\":99}"));
        }
        assertNull(c.findPage(Query.all().limit(100)).continuation());
    }
}
