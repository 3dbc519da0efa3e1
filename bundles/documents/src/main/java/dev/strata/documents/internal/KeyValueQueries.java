package dev.strata.documents.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyPattern;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.JsonEntry;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.document.QueryPlan;

/**
 * The document filter language over plain key-value entries holding JSON objects. The same stages as a collection
 * query (index scans, filter, continuation, sort, skip/limit) run over a source that parses one value at a time, with
 * the key standing in for the document id, so the two languages cannot drift apart. A readable key-value index of
 * the query's pattern ({@link KeyValueIndexes}) is planned exactly as a collection's index would be.
 */
final class KeyValueQueries {

    private KeyValueQueries() {
    }

    static JsonEntryCursor run(ReadOperations source, KeyValueQuery query) {
        return build(source, query);
    }

    static QueryPlan explain(ReadOperations source, KeyValueQuery query) {
        try (Cursor cursor = build(source, query)) {
            cursor.root.forEachRemaining(r -> { });
            QueryPlan tree = cursor.root.explain();
            return query.projection().isEmpty() ? tree : new QueryPlan("PROJECTION",
                    String.join(", ", query.projection()), 0, 0, tree.returned(), List.of(tree));
        }
    }

    private static Cursor build(ReadOperations source, KeyValueQuery query) {
        Filter filter = FilterParser.parse(query.filter());
        Order order = query.sort().isEmpty() ? null : Order.of(query.sort());
        String scope = "kv:" + query.pattern();
        Order.Resume resume = query.after() == null ? null : Order.parseToken(query.after());
        if (resume != null) {
            if (!scope.equals(resume.scope())) {
                throw new InvalidQueryException("the continuation token was made for another query");
            }
            if (order != null && !order.equals(resume.order())) {
                throw new InvalidQueryException("the continuation token was made for another sort");
            }
            order = resume.order();
        }
        for (String path : query.projection()) {
            if (!Paths.isValid(path)) {
                throw new InvalidQueryException("'" + path + "' is not a valid projection path");
            }
        }
        CollectionMeta indexes = KeyValueIndexMeta.read(source).planning(query.pattern());
        Planner.Plan plan = indexes == null ? null : Planner.plan(indexes, filter, order, null, true);
        List<Counting> counters = new ArrayList<>();
        Stage<DocumentRecord> stage;
        Order planOrder;
        boolean sorted;
        if (plan == null || plan.bounds().isEmpty()) {
            planOrder = order == null ? Order.BY_ID : order;
            sorted = planOrder.fields().isEmpty() && !planOrder.idDescending(); // key order is the scan's
            String afterKey = resume != null && sorted ? (String) resume.position().get(0) : null;
            Scan scan = afterKey == null ? Scan.pattern(query.pattern())
                    : new Scan(null, afterKey + "\u0000", null, KeyPattern.compile(query.pattern()), false, 0);
            EntryScan entries = new EntryScan(source.scan(scan));
            counters.add(entries);
            stage = entries;
        } else {
            Stage<Stages.IndexHit> hits;
            if (plan.union()) {
                List<Stages.IndexScan> scans = new ArrayList<>();
                plan.bounds().forEach(bounds -> scans.add(new Stages.IndexScan(source, bounds, false)));
                hits = new Stages.Union(scans);
            } else {
                hits = new Stages.IndexScan(source, plan.bounds().get(0), plan.reverse());
            }
            KeyFetch fetch = new KeyFetch(source, hits);
            counters.add(fetch);
            stage = fetch;
            planOrder = plan.order();
            sorted = plan.sorted();
        }
        if (filter != Filter.ALL) {
            stage = new Stages.FilterStage(stage, filter, () -> Json.write(query.filter()));
        }
        if (resume != null) {
            stage = new Stages.After(stage, planOrder, resume.position());
        }
        if (!sorted) {
            stage = new Stages.Sort(stage, planOrder, query.limit() > 0 ? query.skip() + query.limit() : 0);
        }
        if (query.skip() > 0 || query.limit() > 0) {
            stage = new Stages.Window(stage, query.skip(), query.limit());
        }
        return new Cursor(stage, counters, planOrder, scope, query);
    }

    /** Parses a value as a JSON object, or returns null when it is not one (cheaply for binary values). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(byte[] value) {
        int i = 0;
        while (i < value.length && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
            i++;
        }
        if (i == value.length || value[i] != '{') {
            return null; // not a JSON object, and not worth an exception per entry
        }
        try {
            return (Map<String, Object>) Values.normalize(Json.TEXT.readValue(value, Object.class));
        } catch (IOException | RuntimeException e) {
            return null; // malformed text, duplicate names, trailing tokens, an unpaired surrogate
        }
    }

    /** A source stage that passes over values that are not JSON objects, and counts them. */
    interface Counting {
        long keys();

        long skipped();
    }

    /** The entries of one scan as records (key as id), passing over the layer's own keys and non-JSON values. */
    static final class EntryScan extends Stage<DocumentRecord> implements Counting {
        private final EntryCursor cursor;
        long skipped;

        EntryScan(EntryCursor cursor) {
            super("KEY_SCAN", "");
            this.cursor = cursor;
        }

        @Override
        protected DocumentRecord advance() {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                keysExamined++;
                if (entry.key().startsWith(DocumentStore.KEY_PREFIX)) {
                    continue;
                }
                Map<String, Object> value = jsonObject(entry.value());
                if (value == null) {
                    skipped++;
                    continue;
                }
                docsExamined++;
                return new DocumentRecord(entry.key(), value, 0, 0, 0);
            }
            return null;
        }

        @Override
        public long keys() {
            return keysExamined;
        }

        @Override
        public long skipped() {
            return skipped;
        }

        @Override
        void close() {
            cursor.close();
        }
    }

    /** Reads the entries whose keys an index scan yields (an entry gone or no longer JSON is passed over). */
    static final class KeyFetch extends Stage<DocumentRecord> implements Counting {
        private final ReadOperations source;
        private final Stage<Stages.IndexHit> hits;
        long skipped;

        KeyFetch(ReadOperations source, Stage<Stages.IndexHit> hits) {
            super("KEY_FETCH", "", hits);
            this.source = source;
            this.hits = hits;
        }

        @Override
        protected DocumentRecord advance() {
            while (hits.hasNext()) {
                String key = hits.next().id();
                docsExamined++;
                var bytes = source.get(key);
                if (bytes.isEmpty()) {
                    continue; // expired: its entries stay until the key is written again
                }
                Map<String, Object> value = jsonObject(bytes.get());
                if (value == null) {
                    skipped++;
                    continue;
                }
                return new DocumentRecord(key, value, 0, 0, 0);
            }
            return null;
        }

        @Override
        public long keys() {
            return subtreeKeys(hits) + docsExamined;
        }

        @Override
        public long skipped() {
            return skipped;
        }
    }

    private static long subtreeKeys(Stage<?> stage) {
        long keys = stage.keysExamined;
        for (Stage<?> child : stage.children) {
            keys += subtreeKeys(child);
        }
        return keys;
    }

    private static final class Cursor implements JsonEntryCursor {
        private final Stage<DocumentRecord> root;
        private final List<Counting> counters;
        private final Order order;
        private final String scope;
        private final KeyValueQuery query;
        private DocumentRecord last;
        private boolean closed;

        Cursor(Stage<DocumentRecord> root, List<Counting> counters, Order order, String scope, KeyValueQuery query) {
            this.root = root;
            this.counters = counters;
            this.order = order;
            this.scope = scope;
            this.query = query;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            boolean more = root.hasNext();
            if (!more) {
                close();
            }
            return more;
        }

        @Override
        public JsonEntry next() {
            if (closed) {
                throw new java.util.NoSuchElementException("cursor is closed");
            }
            last = root.next();
            return new JsonEntry(last.id(), query.projection().isEmpty() ? last.content()
                    : Stages.project(last.content(), query.projection()));
        }

        @Override
        public String continuation() {
            return last == null ? null : order.token(order.position(last), scope);
        }

        @Override
        public long keysExamined() {
            return counters.stream().mapToLong(Counting::keys).sum();
        }

        @Override
        public long skippedValues() {
            return counters.stream().mapToLong(Counting::skipped).sum();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                root.close();
            }
        }
    }
}
