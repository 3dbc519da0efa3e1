package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.strata.api.KeyPattern;
import dev.strata.api.Savepoint;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.InvalidDocumentException;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueIndex;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.document.SortField;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random key-value writes through the store (plain puts and deletes, values that are not JSON, a transaction rolled
 * back to a savepoint, one rolled back whole, a put the index must refuse), key-value index creations and drops, and
 * queries paged with continuation tokens while a write lands between the pages, against a model: a map of the values.
 * With whatever indexes exist the answers are the model's; every page starts strictly after the last position; at the
 * end every index holds exactly its entries ({@link KeyValueIndexAudit}).
 */
class KeyValueIndexModelPropertyTest {

    sealed interface Action {
    }

    /** A put; a null content puts bytes that are not JSON. */
    record Put(String key, Map<String, Object> content) implements Action {
    }

    record Delete(String key) implements Action {
    }

    /** In one transaction: put {@code kept}, set a savepoint, put {@code undone}, roll back to the savepoint, commit. */
    record SavepointRollback(Put kept, Put undone) implements Action {
    }

    /** A transaction that puts and deletes, then rolls back. */
    record Rollback(Put put, String deleted) implements Action {
    }

    /** A put whose {@code b} is too long for an index key: refused when an index over {@code b} covers the key. */
    record Oversized(String key) implements Action {
    }

    record CreateIndex(int which) implements Action {
    }

    record DropIndex(int which) implements Action {
    }

    /** A query, read whole and then in pages of {@code pageSize}, with {@code between} applied after the first page. */
    record Find(Map<String, Object> filter, List<SortField> sort, int pageSize, Action between) implements Action {
    }

    static final String PATTERN = "u.*";
    static final List<KeyValueIndex> INDEXES = List.of(KeyValueIndex.of("a", PATTERN, "a"),
            KeyValueIndex.of("b", PATTERN, "b"), KeyValueIndex.of("ab", PATTERN, "a", "b"),
            KeyValueIndex.of("nc", PATTERN, "n.c"), KeyValueIndex.of("wb", "w.*", "b"));
    static final String LONG = "x".repeat(1100);

    @Property(tries = 60)
    void indexesAndTokensNeverChangeAnswers(@ForAll("actions") List<Action> actions) throws Exception {
        Path directory = Files.createTempDirectory("kv-model");
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            ManagedStore store = EngineStores.open("memory", directory, service);
            try {
                Map<String, byte[]> model = new TreeMap<>();
                for (Action action : actions) {
                    apply(service, store, model, action);
                }
                KeyValueIndexAudit.check(store);
            } finally {
                EngineStores.close(store);
            }
        }
    }

    private void apply(DocumentServiceComponent service, ManagedStore store, Map<String, byte[]> model, Action action) {
        if (action instanceof Put put) {
            store.put(put.key(), bytes(put));
            model.put(put.key(), bytes(put));
        } else if (action instanceof Delete delete) {
            store.delete(delete.key());
            model.remove(delete.key());
        } else if (action instanceof SavepointRollback both) {
            store.inTransaction(tx -> {
                tx.put(both.kept().key(), bytes(both.kept()));
                Savepoint savepoint = tx.setSavepoint();
                tx.put(both.undone().key(), bytes(both.undone()));
                tx.rollbackTo(savepoint);
            });
            model.put(both.kept().key(), bytes(both.kept()));
        } else if (action instanceof Rollback rollback) {
            try (Transaction tx = store.begin(TransactionMode.READ_WRITE)) {
                tx.put(rollback.put().key(), bytes(rollback.put()));
                tx.delete(rollback.deleted());
                tx.rollback();
            }
        } else if (action instanceof Oversized oversized) {
            byte[] value = ("{\"a\":1,\"b\":\"" + LONG + "\"}").getBytes(StandardCharsets.UTF_8);
            boolean refused = service.keyValueIndexes(store).stream().anyMatch(i -> i.fields().contains("b")
                    && KeyPattern.compile(i.pattern()).matches(oversized.key()));
            store.inTransaction(tx -> { // a caller's transaction that goes on after the refusal and commits
                tx.put("u.marker", "{\"a\":0}".getBytes(StandardCharsets.UTF_8));
                if (refused) {
                    assertThrows(InvalidDocumentException.class, () -> tx.put(oversized.key(), value));
                } else {
                    tx.put(oversized.key(), value);
                }
            });
            model.put("u.marker", "{\"a\":0}".getBytes(StandardCharsets.UTF_8));
            if (!refused) {
                model.put(oversized.key(), value);
            }
        } else if (action instanceof CreateIndex create) {
            KeyValueIndex index = INDEXES.get(create.which());
            if (service.keyValueIndexes(store).stream().noneMatch(i -> i.name().equals(index.name()))) {
                KeyPattern keys = KeyPattern.compile(index.pattern());
                boolean refused = index.fields().contains("b") && model.entrySet().stream().anyMatch(e ->
                        keys.matches(e.getKey()) && new String(e.getValue(), StandardCharsets.UTF_8).contains(LONG));
                if (refused) { // an existing value cannot be indexed: nothing is kept
                    assertThrows(InvalidDocumentException.class, () -> service.createKeyValueIndex(store, index));
                    assertTrue(service.keyValueIndexes(store).stream().noneMatch(i -> i.name().equals(index.name())));
                } else {
                    service.createKeyValueIndex(store, index);
                }
            }
        } else if (action instanceof DropIndex drop) {
            service.dropKeyValueIndex(store, INDEXES.get(drop.which()).name());
        } else {
            check(service, store, model, (Find) action);
        }
    }

    private void check(DocumentServiceComponent service, ManagedStore store, Map<String, byte[]> model, Find find) {
        KeyValueQuery query = new KeyValueQuery(PATTERN, find.filter(), find.sort(), 0, 0, List.of());
        Order order = find.sort().isEmpty() ? Order.BY_ID : Order.of(find.sort());
        List<String> before = expected(model, query, order);
        List<String> whole = keys(service, store, query, null);
        String plan = service.explain(store, query).render();
        // without a sort, the order is the plan's (key order, or an index's): compare as sets
        assertEquals(before, find.sort().isEmpty() ? whole.stream().sorted().toList() : whole,
                () -> query + "\n" + plan);

        // paged, with a write between the first and the second page
        List<String> paged = new ArrayList<>();
        String[] token = {null};
        paged.addAll(keys(service, store, query.limit(find.pageSize()), token));
        String touched = null;
        if (paged.size() == find.pageSize() && token[0] != null) {
            touched = key(find.between());
            apply(service, store, model, find.between());
            while (token[0] != null) {
                List<String> page = keys(service, store, query.limit(find.pageSize()).after(token[0]), token);
                paged.addAll(page);
                if (page.size() < find.pageSize()) {
                    break;
                }
            }
        }
        List<String> after = expected(model, query, order);
        Set<String> seen = new HashSet<>();
        for (String key : paged) {
            assertTrue(seen.add(key) || key.equals(touched), () -> key + " twice in " + paged + " for " + query);
            assertTrue(before.contains(key) || after.contains(key), () -> key + " never matched " + query);
        }
        for (String key : before) {
            if (after.contains(key) && !key.equals(touched)) {
                assertTrue(seen.contains(key), () -> key + " skipped by the pages " + paged + " of " + query
                        + " (written between pages: " + find.between() + ")\n" + plan);
            }
        }
    }

    private static String key(Action write) {
        return write instanceof Put put ? put.key() : ((Delete) write).key();
    }

    private static List<String> keys(DocumentServiceComponent service, ManagedStore store, KeyValueQuery query,
            String[] token) {
        List<String> out = new ArrayList<>();
        try (JsonEntryCursor cursor = service.query(store, query)) {
            while (cursor.hasNext()) {
                out.add(cursor.next().key());
                if (token != null) {
                    token[0] = cursor.continuation();
                }
            }
        }
        return out;
    }

    private static List<String> expected(Map<String, byte[]> model, KeyValueQuery query, Order order) {
        Filter filter = FilterParser.parse(query.filter());
        KeyPattern pattern = KeyPattern.compile(query.pattern());
        List<DocumentRecord> matches = new ArrayList<>();
        model.forEach((key, value) -> {
            Map<String, Object> json = KeyValueQueries.jsonObject(value);
            if (pattern.matches(key) && json != null && filter.matches(json, key)) {
                matches.add(new DocumentRecord(key, json, 0, 0, 0));
            }
        });
        matches.sort(order.comparator());
        return matches.stream().map(DocumentRecord::id).toList();
    }

    private static byte[] bytes(Put put) {
        return put.content() == null ? new byte[] {(byte) 0xfe, 1, 2} : Json.write(put.content()).getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.integers().between(0, 11).map(i -> "u.k" + i),
                Arbitraries.integers().between(0, 2).map(i -> "w.k" + i));
        Arbitrary<Map<String, Object>> contents = Arbitraries.oneOf(PlannerModelPropertyTest.content(),
                PlannerModelPropertyTest.content(), PlannerModelPropertyTest.content(), Arbitraries.just(null));
        Arbitrary<Put> put = Combinators.combine(keys, contents).as(Put::new);
        Arbitrary<Action> delete = keys.map(Delete::new);
        Arbitrary<Action> write = Arbitraries.oneOf(put.map(p -> (Action) p), delete);
        Arbitrary<Action> savepoint = Combinators.combine(put, put).as(SavepointRollback::new);
        Arbitrary<Action> rollback = Combinators.combine(put, keys).as(Rollback::new);
        Arbitrary<Action> oversized = keys.map(Oversized::new);
        Arbitrary<Action> create = Arbitraries.integers().between(0, INDEXES.size() - 1).map(CreateIndex::new);
        Arbitrary<Action> drop = Arbitraries.integers().between(0, INDEXES.size() - 1).map(DropIndex::new);
        Arbitrary<Action> find = Combinators.combine(PlannerModelPropertyTest.filter(), PlannerModelPropertyTest.sort(),
                Arbitraries.of(1, 2, 3), write).as(Find::new);
        return Arbitraries.frequencyOf(Tuple.of(6, put.map(p -> (Action) p)), Tuple.of(1, delete),
                Tuple.of(1, savepoint), Tuple.of(1, rollback), Tuple.of(1, oversized), Tuple.of(3, create),
                Tuple.of(1, drop), Tuple.of(4, find)).list().ofMinSize(5).ofMaxSize(40);
    }

}
