package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.StorageService;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doc:* shell commands: what a person sees, and one {@code error:} line for each kind of bad input. */
class DocumentCommandsTest {

    @TempDir
    Path directory;
    ManagedStore store;
    DocumentServiceComponent service;
    DocumentCommands doc;

    @BeforeEach
    void open() {
        service = new DocumentServiceComponent();
        store = EngineStores.open("memory", directory, service); // the layer's write hook keeps key-value indexes
        StorageService storage = (StorageService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StorageService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findStore")) {
                        return "s".equals(args[0]) ? Optional.of(store) : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        doc = new DocumentCommands(storage, service);
    }

    @AfterEach
    void close() {
        service.close();
        EngineStores.close(store);
    }

    @Test
    void aSessionAtTheShell() {
        assertEquals("people created", doc.create("s", "people"));
        assertEquals("{\"_id\":\"ada\",\"age\":36}", doc.insert("s", "people", "{\"_id\":\"ada\",\"age\":36}"));
        doc.insert("s", "people", "{\"_id\":\"bob\",\"age\":25,\"bio\":\"likes storage engines\"}");
        assertEquals("{\"_id\":\"ada\",\"age\":36}  (version 1)", doc.get("s", "people", "ada"));
        assertEquals("{\"_id\":\"bob\",\"age\":25,\"bio\":\"likes storage engines\"}\n{\"_id\":\"ada\",\"age\":36}\n"
                + "(2 documents)", doc.find("s", "people", "{}", "age"));
        assertEquals("index by_age READABLE", doc.index("s", "people", "by_age", "age"));
        assertTrue(doc.explain("s", "people", "{\"age\":{\"$gt\":30}}").contains("INDEX_SCAN by_age"));
        assertEquals("{\"_id\":\"ada\",\"age\":36}\n(1 document)", doc.find("s", "people", "{\"age\":{\"$gt\":30}}", "-",
                "5", "age"));
        assertTrue(doc.explain("s", "people", "{\"age\":{\"$gt\":30}}", "age", "age").contains("INDEX_ONLY"));
        assertEquals("index text READABLE", doc.index("s", "people", "text", "bio", "text"));
        assertTrue(doc.search("s", "people", "storage").contains("\"_id\":\"bob\""));
        assertEquals("1", doc.count("s", "people", "{\"age\":{\"$lt\":30}}"));
        assertTrue(doc.indexes("s", "people").contains("by_age"));
        assertEquals("people", doc.collections("s"));
        assertEquals("deleted", doc.delete("s", "people", "bob"));
        assertEquals("(not found)", doc.get("s", "people", "bob"));
    }

    @Test
    void keyValueEntriesWithJsonValuesAreQueried() {
        store.put("users.ada", "{\"name\":\"Ada\",\"active\":true}".getBytes());
        store.put("users.bob", "{\"name\":\"Bob\",\"active\":false}".getBytes());
        store.put("users.raw", "plain text".getBytes());
        assertEquals("users.ada  {\"name\":\"Ada\",\"active\":true}\n(1 entry; 1 values that are not JSON objects "
                + "skipped)", doc.kvquery("s", "users.*", "{\"active\":true}"));
        assertEquals("users.bob  {\"name\":\"Bob\",\"active\":false}\nusers.ada  {\"name\":\"Ada\",\"active\":true}\n"
                + "(2 entries; 1 values that are not JSON objects skipped)", doc.kvquery("s", "users.*", "{}", "-_id", "5"));
        assertTrue(doc.kvquery("s", "users.*", "{\"a\":{\"$bad\":1}}").startsWith("error: "));
    }

    @Test
    void badInputIsOneErrorLine() {
        doc.create("s", "people");
        for (String output : new String[] {
                doc.insert("s", "people", "{\"age\": oops}"),
                doc.get("nostore", "people", "x"),
                doc.get("s", "nocoll", "x"),
                doc.find("s", "people", "{\"age\":{\"$near\":1}}"),
                doc.find("s", "people", "{}", "age", "many"),
                doc.index("s", "people", "i", "age", "fancy"),
                doc.schema("s", "people", "{\"oneOf\":[]}")}) {
            assertTrue(output.startsWith("error: ") && !output.contains("\n"), output);
        }
        assertEquals("0", doc.count("s", "people", "{}"), "nothing was written");
    }

    @Test
    void keyValueIndexesAtTheShell() {
        store.put("users.ada", "{\"name\":\"Ada\",\"age\":36}".getBytes());
        store.put("users.bob", "{\"name\":\"Bob\",\"age\":25}".getBytes());
        store.put("users.raw", "plain text".getBytes());
        assertEquals("(no key-value indexes)", doc.kvindexes("s"));
        assertTrue(doc.kvexplain("s", "users.*", "{\"age\":36}").contains("KEY_SCAN"));
        assertEquals("kv index by_age READABLE on users.* age", doc.kvindex("s", "by_age", "users.*", "age"));
        assertEquals(String.format("%-20s %-11s %-20s %s%n%-20s %-11s %-20s %s", "NAME", "STATE", "PATTERN", "FIELDS",
                "by_age", "READABLE", "users.*", "age"), doc.kvindexes("s"));
        String plan = doc.kvexplain("s", "users.*", "{\"age\":{\"$gte\":30}}");
        assertTrue(plan.contains("INDEX_SCAN by_age") && plan.contains("KEY_FETCH"), plan);
        assertEquals("users.ada  {\"name\":\"Ada\",\"age\":36}\n(1 entry)", doc.kvfind("s", "by_age", "{\"age\":{\"$gte\":30}}"));
        store.put("users.cy", "{\"name\":\"Cy\",\"age\":41}".getBytes());
        assertEquals("users.cy  {\"name\":\"Cy\",\"age\":41}\nusers.ada  {\"name\":\"Ada\",\"age\":36}\n(2 entries)",
                doc.kvfind("s", "by_age", "{\"age\":{\"$gte\":30}}", "-age", "5"), "a later put is in the index");
        assertEquals("dropped", doc.kvunindex("s", "by_age"));
        assertEquals("(not found)", doc.kvunindex("s", "by_age"));
        assertEquals("(no key-value indexes)", doc.kvindexes("s"));
        assertTrue(doc.kvexplain("s", "users.*", "{\"age\":36}").contains("KEY_SCAN"));
        assertTrue(IndexAudit.scan(store, "_doc/0/i/").isEmpty(), "the dropped index leaves no entry");
    }

    @Test
    void badKeyValueIndexInputIsOneTypedErrorLineAndChangesNothing() {
        store.put("users.ada", "{\"name\":\"Ada\",\"age\":36}".getBytes());
        doc.kvindex("s", "by_age", "users.*", "age");
        String indexesBefore = doc.kvindexes("s");
        List<String> keysBefore = IndexAudit.scan(store, "").stream().map(e -> e.key()).toList();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("bad name", doc.kvindex("s", "no spaces", "users.*", "age"));
        outputs.put("bad pattern", doc.kvindex("s", "by_name", "", "name"));
        outputs.put("bad path", doc.kvindex("s", "by_name", "users.*", "name..first"));
        outputs.put("taken name", doc.kvindex("s", "by_age", "people.*", "age"));
        outputs.put("no store", doc.kvindex("nostore", "by_name", "users.*", "name"));
        outputs.put("no index", doc.kvfind("s", "by_nothing", "{}"));
        outputs.put("bad filter", doc.kvfind("s", "by_age", "{\"age\":{\"$near\":1}}"));
        outputs.put("bad limit", doc.kvfind("s", "by_age", "{}", "-", "lots"));
        outputs.put("bad explain", doc.kvexplain("s", "users.*", "{\"age\": oops}"));
        outputs.put("no store to drop", doc.kvunindex("nostore", "by_age"));
        outputs.forEach((what, output) -> assertTrue(output.startsWith("error: ") && !output.contains("\n"),
                what + ": " + output));
        assertTrue(outputs.get("no index").contains("has no key-value index 'by_nothing'"), outputs.get("no index"));
        assertTrue(outputs.get("taken name").contains("already has a key-value index 'by_age'"), outputs.get("taken name"));
        assertEquals(indexesBefore, doc.kvindexes("s"), "no index was created or changed");
        assertEquals(keysBefore, IndexAudit.scan(store, "").stream().map(e -> e.key()).toList(), "no key was written");
    }
}
