package dev.strata.documents.internal;

import java.io.IOException;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.JsonEntry;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueQuery;

/**
 * The document filter language over plain key-value entries holding JSON objects. The same stages as a collection
 * query (filter, sort, skip/limit) run over a source that parses one value at a time, with the key standing in for the
 * document id, so the two languages cannot drift apart.
 */
final class KeyValueQueries {

    private KeyValueQueries() {
    }

    static JsonEntryCursor run(ReadOperations source, KeyValueQuery query) {
        Filter filter = FilterParser.parse(query.filter());
        Order order = query.sort().isEmpty() ? null : Order.of(query.sort());
        for (String path : query.projection()) {
            if (!Paths.isValid(path)) {
                throw new InvalidQueryException("'" + path + "' is not a valid projection path");
            }
        }
        EntryScan scan = new EntryScan(source.scan(Scan.pattern(query.pattern())));
        Stage<DocumentRecord> stage = filter == Filter.ALL ? scan
                : new Stages.FilterStage(scan, filter, Json.write(query.filter()));
        if (order != null) {
            stage = new Stages.Sort(stage, order, query.limit() > 0 ? query.skip() + query.limit() : 0);
        }
        if (query.skip() > 0 || query.limit() > 0) {
            stage = new Stages.Window(stage, query.skip(), query.limit());
        }
        return new Cursor(stage, scan, query);
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

    /** The entries of one scan as records (key as id), passing over the layer's own keys and non-JSON values. */
    static final class EntryScan extends Stage<DocumentRecord> {
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
        void close() {
            cursor.close();
        }
    }

    private static final class Cursor implements JsonEntryCursor {
        private final Stage<DocumentRecord> root;
        private final EntryScan scan;
        private final KeyValueQuery query;
        private boolean closed;

        Cursor(Stage<DocumentRecord> root, EntryScan scan, KeyValueQuery query) {
            this.root = root;
            this.scan = scan;
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
            DocumentRecord record = root.next();
            return new JsonEntry(record.id(), query.projection().isEmpty() ? record.content()
                    : Stages.project(record.content(), query.projection()));
        }

        @Override
        public long keysExamined() {
            return scan.keysExamined;
        }

        @Override
        public long skippedValues() {
            return scan.skipped;
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
