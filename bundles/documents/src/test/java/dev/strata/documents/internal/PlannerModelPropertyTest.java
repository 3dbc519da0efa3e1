package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.Query;
import dev.strata.api.document.SortField;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random document writes, index creations and drops, and queries, against a model that keeps the documents in a map
 * and answers every query by filtering and sorting all of them: with whatever indexes exist, the layer returns the
 * same documents in the same order (only explain differs).
 */
class PlannerModelPropertyTest {

    sealed interface Action {
    }

    record Put(String id, Map<String, Object> content) implements Action {
    }

    record Delete(String id) implements Action {
    }

    record CreateIndex(int which) implements Action {
    }

    record DropIndex(int which) implements Action {
    }

    /** A query; a non-empty projection may be served by a covering index plan (no document fetched). */
    record Find(Map<String, Object> filter, List<SortField> sort, int limit, List<String> projection) implements Action {
    }

    /** A projection standing for the paths the query's filter and sort read. */
    static final List<String> USED_PATHS = List.of("(used)");

    /** How many queries ran on a covering plan (printed once, to see that the property reaches them). */
    static final java.util.concurrent.atomic.AtomicInteger COVERED = new java.util.concurrent.atomic.AtomicInteger();

    @net.jqwik.api.lifecycle.AfterContainer
    static void report() {
        System.out.println("PlannerModelPropertyTest: queries on covering plans: " + COVERED.get());
    }

    static final List<IndexDefinition> INDEXES = List.of(IndexDefinition.of("a", "a"), IndexDefinition.of("b", "b"),
            IndexDefinition.of("nc", "n.c"), IndexDefinition.of("ab", "a", "b"), IndexDefinition.of("ba", "b", "a"),
            IndexDefinition.of("bnc", "b", "n.c")); // never multikey: covering plans

    @Property(tries = 80)
    void indexesNeverChangeAnswers(@ForAll("actions") List<Action> actions) throws Exception {
        Path directory = Files.createTempDirectory("planner-model");
        ManagedStore store = EngineStores.open("memory", directory);
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            DocumentCollection c = service.documents(store).createCollection("m");
            Map<String, Map<String, Object>> model = new TreeMap<>();
            for (Action action : actions) {
                apply(c, model, action);
            }
            assertEquals(model.size(), IndexAudit.check(store, "m"));
        } finally {
            EngineStores.close(store);
        }
    }

    private void apply(DocumentCollection c, Map<String, Map<String, Object>> model, Action action) {
        if (action instanceof Put put) {
            if (model.containsKey(put.id())) {
                c.replace(put.id(), put.content(), -1);
            } else {
                c.insert(Document.of(put.id(), put.content()));
            }
            model.put(put.id(), put.content());
        } else if (action instanceof Delete delete) {
            assertEquals(model.remove(delete.id()) != null, c.delete(delete.id()));
        } else if (action instanceof CreateIndex create) {
            IndexDefinition definition = INDEXES.get(create.which());
            if (c.indexes().stream().noneMatch(i -> i.name().equals(definition.name()))) {
                c.createIndex(definition);
                c.awaitIndex(definition.name(), Duration.ofSeconds(30));
            }
        } else if (action instanceof DropIndex drop) {
            c.dropIndex(INDEXES.get(drop.which()).name());
        } else {
            check(c, model, (Find) action);
        }
    }

    private void check(DocumentCollection c, Map<String, Map<String, Object>> model, Find find) {
        List<String> projection = find.projection();
        if (projection.equals(USED_PATHS)) { // exactly what the filter and sort read: the case covering plans serve
            java.util.Set<String> used = new java.util.TreeSet<>();
            Planner.paths(FilterParser.parse(find.filter()), used);
            find.sort().forEach(f -> used.add(f.path()));
            projection = used.isEmpty() ? List.of("b") : List.copyOf(used);
        }
        Query query = Query.where(find.filter()).withSort(find.sort()).limit(find.limit())
                .project(projection.toArray(String[]::new));
        Filter filter = FilterParser.parse(find.filter());
        List<DocumentRecord> matches = new ArrayList<>();
        model.forEach((id, content) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> normal = (Map<String, Object>) Values.normalize(content);
            if (filter.matches(normal, id)) {
                matches.add(new DocumentRecord(id, normal, 1, 0, 0));
            }
        });
        Order order = find.sort().isEmpty() ? Order.BY_ID : Order.of(find.sort());
        matches.sort(order.comparator());
        // a result is its id and its projected content as JSON text: 1 and 1.0 differ, as do null and missing
        List<String> expected = matches.stream().map(r -> Document.of(r.id(), Executor.project(r, query)).toJson())
                .toList();
        List<String> actual = new ArrayList<>();
        try (DocumentCursor cursor = c.find(find.sort().isEmpty() ? query.limit(0) : query)) {
            cursor.forEachRemaining(d -> actual.add(d.toJson()));
        }
        String plan = c.explain(query).render();
        if (plan.contains("INDEX_ONLY")) {
            COVERED.incrementAndGet();
        }
        if (find.sort().isEmpty()) {
            assertEquals(expected, actual.stream().sorted().toList(), () -> query + "\n" + plan);
        } else {
            List<String> window = expected.subList(0, find.limit() == 0 ? expected.size()
                    : Math.min(find.limit(), expected.size()));
            assertEquals(window, actual, () -> query + "\n" + plan);
        }
        assertEquals(expected.size(), c.count(find.filter()), () -> "count of " + query + "\n" + plan);
        // every readable index, forced by a hint, gives the same answer as the planner's choice
        for (var index : c.indexes()) {
            Query hinted = query.hint(index.name());
            List<String> viaIndex = new ArrayList<>();
            try (DocumentCursor cursor = c.find(find.sort().isEmpty() ? hinted.limit(0) : hinted)) {
                cursor.forEachRemaining(d -> viaIndex.add(d.toJson()));
            }
            String hintedPlan = c.explain(hinted).render();
            if (hintedPlan.contains("INDEX_ONLY")) {
                COVERED.incrementAndGet();
            }
            assertEquals(find.sort().isEmpty() ? actual.stream().sorted().toList() : actual,
                    find.sort().isEmpty() ? viaIndex.stream().sorted().toList() : viaIndex,
                    () -> hinted + "\n" + hintedPlan);
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<String> ids = Arbitraries.integers().between(0, 15).map(i -> "d" + i);
        Arbitrary<Action> put = Combinators.combine(ids, content()).as(Put::new);
        Arbitrary<Action> delete = ids.map(Delete::new);
        Arbitrary<Action> create = Arbitraries.integers().between(0, INDEXES.size() - 1).map(CreateIndex::new);
        Arbitrary<Action> drop = Arbitraries.integers().between(0, INDEXES.size() - 1).map(DropIndex::new);
        Arbitrary<List<String>> projection = Arbitraries.oneOf(Arbitraries.just(List.of()), Arbitraries.just(USED_PATHS),
                Arbitraries.of("a", "b", "n.c").list().ofMinSize(1).ofMaxSize(2).uniqueElements());
        Arbitrary<Action> find = Combinators.combine(filter(), sort(), Arbitraries.of(0, 1, 3), projection)
                .as(Find::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(1, delete),
                net.jqwik.api.Tuple.of(3, create), net.jqwik.api.Tuple.of(1, drop), net.jqwik.api.Tuple.of(5, find))
                .list().ofMinSize(5).ofMaxSize(45);
    }

    static Arbitrary<Object> scalar() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-2, 3).map(l -> (Object) l),
                Arbitraries.of(1.5, -0.5, 1.0).map(d -> (Object) d), Arbitraries.of("x", "y", "ab", "b").map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
    }

    /** Arrays only at {@code a} (a compound index over two array paths refuses the document). */
    static Arbitrary<Map<String, Object>> content() {
        Arbitrary<Object> a = Arbitraries.oneOf(scalar(), scalar().list().ofMaxSize(3).map(l -> (Object) l));
        Arbitrary<Object> n = scalar().map(v -> {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("c", v);
            return inner;
        });
        return Combinators.combine(a.optional(0.8), scalar().optional(0.8), n.optional(0.6)).as((av, bv, nv) -> {
            Map<String, Object> map = new LinkedHashMap<>();
            av.ifPresent(v -> map.put("a", v));
            bv.ifPresent(v -> map.put("b", v));
            nv.ifPresent(v -> map.put("n", v));
            return map;
        });
    }

    static Arbitrary<Map<String, Object>> filter() {
        Arbitrary<String> paths = Arbitraries.of("a", "b", "n.c");
        Arbitrary<Map<String, Object>> field = Combinators.combine(paths,
                Arbitraries.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$regex", "plain"),
                scalar(), scalar()).as((path, op, v1, v2) -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    Object operand = switch (op) {
                        case "$in", "$nin" -> java.util.Arrays.asList(v1, v2);
                        case "$exists" -> v1 != null;
                        case "$regex" -> "^" + (v1 instanceof String s ? s : "a");
                        default -> v1;
                    };
                    if (op.equals("plain")) {
                        map.put(path, v1);
                    } else if (op.equals("$gt") && v2 instanceof Number) {
                        Map<String, Object> ops = new LinkedHashMap<>();
                        ops.put("$gt", operand);
                        ops.put("$lte", v2);
                        map.put(path, ops);
                    } else {
                        Map<String, Object> ops = new LinkedHashMap<>();
                        ops.put(op, operand);
                        map.put(path, ops);
                    }
                    return map;
                });
        return Arbitraries.oneOf(field, field.list().ofMinSize(2).ofMaxSize(2).map(list -> {
            Map<String, Object> merged = new LinkedHashMap<>(list.get(0));
            list.get(1).forEach(merged::putIfAbsent);
            return merged;
        }), field.list().ofMinSize(1).ofMaxSize(3).map(list -> Map.of("$or", list)),
                field.map(f -> Map.of("$not", f)), Arbitraries.just(Map.of()));
    }

    static Arbitrary<List<SortField>> sort() {
        Arbitrary<SortField> one = Combinators.combine(Arbitraries.of("a", "b", "n.c"), Arbitraries.of(true, false))
                .as(SortField::new);
        return one.list().ofMaxSize(2).uniqueElements(SortField::path);
    }
}
