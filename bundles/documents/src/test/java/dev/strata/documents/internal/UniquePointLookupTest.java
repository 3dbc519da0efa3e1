package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.strata.api.document.QueryPlan;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Equality and {@code $in} on every field of a unique index read the index by point gets instead of range scans
 * ({@link IndexBounds#points()}): on a scalar index, a compound one and a multikey one (an array per document, so one
 * document can be found through two points), each query answers exactly what the same query answers on a
 * collection of the same documents without indexes, and examines one key per point that holds a document.
 */
class UniquePointLookupTest {

    static final List<Object> VALUES = Arrays.asList(-1L, 0L, 1L, 1.5, 2L, "", "a", "ab", "b", true, false,
            Map.of("c", 1L), "z".repeat(300));

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void pointLookupsAnswerAsACollectionScanDoes(String engine) {
        ManagedStore store = EngineStores.open(engine, directory);
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            DocumentCollection plain = service.documents(store).createCollection("plain");
            DocumentCollection unique = service.documents(store).createCollection("unique");
            for (IndexDefinition index : List.of(IndexDefinition.unique("ub", "b"), IndexDefinition.unique("uba", "b", "a"),
                    IndexDefinition.unique("ut", "tags"))) {
                unique.createIndex(index);
                unique.awaitIndex(index.name(), Duration.ofSeconds(30));
            }
            for (int i = 0; i < VALUES.size(); i++) {
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("b", VALUES.get(i));
                content.put("a", (long) i % 3);
                content.put("tags", List.of("t" + i, "t" + (i + 100)));
                plain.insert(Document.of("d" + i, content));
                unique.insert(Document.of("d" + i, content));
            }
            plain.insert(Document.of("bare", Map.of()));
            unique.insert(Document.of("bare", Map.of()));
            int checked = 0;
            for (Map<String, Object> filter : filters()) {
                for (String hint : List.of("ub", "uba", "ut")) {
                    Query query = Query.where(filter);
                    List<String> expected = ids(plain, query);
                    QueryPlan plan = unique.explain(query.hint(hint));
                    assertEquals(expected, ids(unique, query.hint(hint)), () -> query.hint(hint) + "\n" + plan.render());
                    checked++;
                }
                assertEquals(ids(plain, Query.where(filter)), ids(unique, Query.where(filter)));
            }
            assertTrue(checked > 200, "checked " + checked);
            QueryPlan both = unique.explain(Query.where(Map.of("tags", Map.of("$in", List.of("t1", "t101", "t2", "nope")))));
            assertTrue(both.usesIndex("ut"), both.render());
            assertEquals(3, scanOf(both).keysExamined(), "three points hold an entry, the fourth none: " + both.render());
            assertEquals(2, both.returned(), "d1 through two points, once: " + both.render());
        } finally {
            EngineStores.close(store);
        }
    }

    private static QueryPlan scanOf(QueryPlan plan) {
        if (plan.stage().equals("INDEX_SCAN")) {
            return plan;
        }
        return plan.children().stream().map(UniquePointLookupTest::scanOf).filter(p -> p != null).findFirst().orElse(null);
    }

    private static List<Map<String, Object>> filters() {
        List<Map<String, Object>> filters = new ArrayList<>();
        List<Object> operands = new ArrayList<>(VALUES);
        operands.add("absent");
        operands.add(7L);
        operands.add("y".repeat(dev.strata.api.Store.MAX_KEY_BYTES + 10)); // its point key could not be stored
        for (Object v : operands) {
            filters.add(map("b", v));
            filters.add(map("b", map("$eq", v)));
            filters.add(map("tags", v instanceof Long l ? "t" + l : v));
            for (long a = 0; a < 3; a++) {
                filters.add(map("b", v, "a", a));
            }
            for (Object w : operands) {
                filters.add(map("b", map("$in", Arrays.asList(v, w))));
                filters.add(map("b", map("$in", Arrays.asList(v, w)), "a", map("$in", List.of(0L, 2L))));
            }
        }
        filters.add(map("tags", map("$in", List.of("t3", "t103", "t4"))));
        return filters;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> ids(DocumentCollection c, Query query) {
        List<String> ids = new ArrayList<>();
        try (DocumentCursor cursor = c.find(query)) {
            cursor.forEachRemaining(d -> ids.add(d.id()));
        }
        return ids.stream().sorted().toList();
    }
}
