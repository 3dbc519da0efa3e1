package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.Query;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every comparison operator with every operand of a small value pool, alone and as two-sided ranges, on a scalar
 * path (b), an array path (a, multikey) and a compound index: scanning each index (forced by a hint) returns exactly
 * what a collection scan returns, in the same order when sorted. Catches an index bound that is one key too tight.
 */
class IndexBoundsExhaustiveTest {

    static final List<Object> POOL = Arrays.asList(null, -1L, 0L, 1L, 1.5, 2L, "", "a", "ab", "b", true, false,
            Map.of("c", 1L));

    @TempDir
    Path directory;

    @Test
    void everyIndexAgreesWithACollectionScan() {
        ManagedStore store = EngineStores.open("memory", directory);
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            DocumentCollection c = service.documents(store).createCollection("x");
            int n = 0;
            for (Object value : POOL) {
                Map<String, Object> scalar = new LinkedHashMap<>();
                scalar.put("b", value);
                scalar.put("a", value);
                c.insert(Document.of("s" + n, scalar));
                Map<String, Object> array = new LinkedHashMap<>();
                array.put("a", Arrays.asList(value, POOL.get((n + 3) % POOL.size())));
                array.put("b", POOL.get((n + 5) % POOL.size()));
                c.insert(Document.of("m" + n++, array));
            }
            c.insert(Document.of("empty", Map.of("a", List.of())));
            c.insert(Document.of("missing", Map.of()));
            for (IndexDefinition index : List.of(IndexDefinition.of("ia", "a"), IndexDefinition.of("ib", "b"),
                    IndexDefinition.of("iba", "b", "a"))) {
                c.createIndex(index);
                c.awaitIndex(index.name(), Duration.ofSeconds(30));
            }
            int checked = 0;
            for (Map<String, Object> filter : filters()) {
                for (List<String> sort : List.of(List.<String>of(), List.of("b"), List.of("-b", "a"))) {
                    Query scan = Query.where(filter).sortBy(sort.toArray(String[]::new));
                    List<String> expected = ids(c, scan.hint(null), sort.isEmpty());
                    for (String index : List.of("ia", "ib", "iba")) {
                        assertEquals(expected, ids(c, scan.hint(index), sort.isEmpty()),
                                () -> scan.hint(index) + "\n" + c.explain(scan.hint(index)).render());
                        checked++;
                    }
                    assertEquals(expected, ids(c, scan, sort.isEmpty()), () -> c.explain(scan).render());
                }
            }
            assertEquals(true, checked > 3000, "checked " + checked);
        } finally {
            EngineStores.close(store);
        }
    }

    private static List<Map<String, Object>> filters() {
        List<Map<String, Object>> filters = new ArrayList<>();
        for (String path : List.of("a", "b")) {
            for (Object v : POOL) {
                for (String op : List.of("$eq", "$gt", "$gte", "$lt", "$lte")) {
                    filters.add(Map.of(path, operator(op, v)));
                }
                filters.add(Map.of(path, operator("$in", Arrays.asList(v, 1L))));
                for (Object w : POOL) {
                    Map<String, Object> range = new LinkedHashMap<>();
                    range.put("$gte", v);
                    range.put("$lt", w);
                    filters.add(Map.of(path, range));
                }
            }
            filters.add(Map.of(path, Map.of("$regex", "^a")));
        }
        filters.add(Map.of("b", 1L, "a", Map.of("$gt", 0L)));
        filters.add(Map.of("b", Map.of("$in", Arrays.asList("a", 2L)), "a", Map.of("$lte", 1.5)));
        return filters;
    }

    private static Map<String, Object> operator(String op, Object operand) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(op, operand);
        return map;
    }

    private static List<String> ids(DocumentCollection c, Query query, boolean unordered) {
        List<String> ids = new ArrayList<>();
        try (DocumentCursor cursor = c.find(query)) {
            cursor.forEachRemaining(d -> ids.add(d.id()));
        }
        return unordered ? ids.stream().sorted().toList() : ids;
    }
}
