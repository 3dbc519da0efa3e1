package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOperations;
import dev.strata.api.Transaction;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.JsonEntry;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueQuery;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The document filter language over plain key-value entries with JSON values: the same on every engine. */
abstract class KeyValueQueryContract extends EngineCase {

    @BeforeEach
    void seed() {
        put("users.ada", "{\"name\":\"Ada\",\"age\":36,\"active\":true,\"address\":{\"city\":\"London\"}}");
        put("users.bob", "{\"name\":\"Bob\",\"age\":25,\"active\":false,\"tags\":[\"x\",\"y\"]}");
        put("users.cy", "  {\"name\":\"Cy\",\"age\":41,\"active\":true,\"tags\":[\"y\"]}");
        put("users.dee", "{\"name\":\"Dee\",\"age\":19.5,\"active\":true}");
        put("users.raw", "not json at all");
        put("users.num", "42");
        put("users.broken", "{\"name\": ");
        store.put("users.bin", new byte[] {(byte) 0xff, 0, 1, 2});
        put("orders.1", "{\"active\":true}");
    }

    private void put(String key, String json) {
        store.put(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonEntry> run(ReadOperations source, KeyValueQuery query) {
        List<JsonEntry> out = new ArrayList<>();
        try (JsonEntryCursor cursor = service.query(source, query)) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }

    private List<String> keys(KeyValueQuery query) {
        return run(store, query).stream().map(JsonEntry::key).toList();
    }

    @Test
    void theSeedsQueryFiltersByFieldUnderAPattern() {
        assertEquals(List.of("users.ada", "users.cy", "users.dee"),
                keys(KeyValueQuery.of("users.*").where(Map.of("active", true)).limit(10)));
        assertEquals(List.of("users.ada"), keys(KeyValueQuery.of("users.*").where(json("{\"address.city\":\"London\"}"))));
        assertEquals(List.of("users.bob", "users.cy"), keys(KeyValueQuery.of("users.*").where(json("{\"tags\":\"y\"}"))));
        assertEquals(List.of("users.bob", "users.dee"), keys(KeyValueQuery.of("users.*")
                .where(json("{\"$or\":[{\"age\":{\"$lt\":20}},{\"name\":{\"$regex\":\"^B\"}}]}"))));
        assertEquals(List.of("users.cy"), keys(KeyValueQuery.of("users.?y").where(Map.of())), "? is one character");
    }

    @Test
    void keyIsTheIdForFiltersAndSorts() {
        assertEquals(List.of("users.bob", "users.cy"),
                keys(KeyValueQuery.of("users.*").where(json("{\"_id\":{\"$in\":[\"users.bob\",\"users.cy\"]}}"))));
        assertEquals(List.of("users.dee", "users.cy", "users.bob", "users.ada"),
                keys(KeyValueQuery.of("users.*").sortBy("-_id")));
    }

    @Test
    void sortSkipLimitAndProjection() {
        List<JsonEntry> found = run(store, KeyValueQuery.of("users.*").where(json("{\"age\":{\"$gte\":20}}"))
                .sortBy("-age").skip(1).limit(2).project("name", "address.city"));
        assertEquals(List.of("users.ada", "users.bob"), found.stream().map(JsonEntry::key).toList());
        assertEquals("{\"name\":\"Ada\",\"address\":{\"city\":\"London\"}}", found.get(0).valueJson());
        assertEquals(Map.of("name", "Bob"), found.get(1).value());
    }

    @Test
    void valuesThatAreNotJsonObjectsAreSkippedAndCounted() {
        try (JsonEntryCursor cursor = service.query(store, KeyValueQuery.of("users.*"))) {
            List<String> keys = new ArrayList<>();
            cursor.forEachRemaining(e -> keys.add(e.key()));
            assertEquals(List.of("users.ada", "users.bob", "users.cy", "users.dee"), keys);
            assertEquals(8, cursor.keysExamined());
            assertEquals(4, cursor.skippedValues(), "text, a JSON number, broken JSON and binary bytes");
        }
    }

    @Test
    void resultsStreamWithoutReadingEveryKey() {
        store.inTransaction(tx -> {
            for (int i = 0; i < 2000; i++) {
                tx.put(String.format("many.%05d", i), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
        });
        try (JsonEntryCursor cursor = service.query(store, KeyValueQuery.of("many.*").where(json("{\"n\":{\"$gte\":0}}")))) {
            for (int i = 0; i < 10; i++) {
                assertEquals(String.format("many.%05d", i), cursor.next().key());
            }
            assertTrue(cursor.keysExamined() <= 11, "read lazily, " + cursor.keysExamined() + " keys read");
        }
        List<JsonEntry> top = run(store, KeyValueQuery.of("many.*").sortBy("-n").limit(3));
        assertEquals(List.of(1999L, 1998L, 1997L), top.stream().map(e -> e.value().get("n")).toList());
    }

    @Test
    void aTransactionSeesItsOwnWrites() {
        try (Transaction tx = store.begin()) {
            tx.put("users.eve", "{\"name\":\"Eve\",\"active\":true}".getBytes(StandardCharsets.UTF_8));
            tx.delete("users.ada");
            assertEquals(List.of("users.cy", "users.dee", "users.eve"),
                    run(tx, KeyValueQuery.of("users.*").where(Map.of("active", true))).stream().map(JsonEntry::key).toList());
        }
        assertEquals(List.of("users.ada", "users.cy", "users.dee"),
                keys(KeyValueQuery.of("users.*").where(Map.of("active", true))), "rolled back");
    }

    @Test
    void theDocumentLayersOwnKeysAreNeverMatched() {
        documents.createCollection("c").insertJson("{\"_id\":\"x\",\"active\":true}");
        assertEquals(List.of("orders.1", "users.ada", "users.cy", "users.dee"),
                keys(KeyValueQuery.of("*").where(Map.of("active", true))));
    }

    @Test
    void badQueriesAreTypedErrors() {
        assertThrows(InvalidQueryException.class,
                () -> service.query(store, KeyValueQuery.of("users.*").where(json("{\"age\":{\"$near\":1}}"))));
        assertThrows(InvalidQueryException.class,
                () -> service.query(store, KeyValueQuery.of("users.*").project("$bad")));
        assertThrows(InvalidArgumentException.class, () -> KeyValueQuery.of(""));
        assertThrows(InvalidArgumentException.class, () -> KeyValueQuery.of("users\\"));
        assertThrows(InvalidArgumentException.class, () -> KeyValueQuery.of("users.*").limit(-1));
    }
}
