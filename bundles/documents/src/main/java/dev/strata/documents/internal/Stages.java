package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.document.InvalidQueryException;

/** The stages plans are made of. */
final class Stages {

    /** A sort without a serving index holds at most this many documents (with a limit: skip + limit). */
    static final int MAX_SORT_DOCUMENTS = 100_000;

    private Stages() {
    }

    /**
     * Every document of the collection in id order (or reverse), optionally starting after an id. With a prefilter,
     * a document is first decoded only in the top-level fields the filter reads and passed over unless it matches
     * there (the FILTER stage above still decides): a scan with a selective filter builds few whole documents.
     */
    static final class CollectionScan extends Stage<DocumentRecord> {
        private final EntryCursor cursor;
        private final int prefixLength;
        private final Filter prefilter;
        private final Set<String> prefilterFields;
        private final SmileFieldReader prefilterReader;

        CollectionScan(ReadOperations tx, long uid, boolean reverse, String afterId) {
            this(tx, uid, reverse, afterId, null);
        }

        CollectionScan(ReadOperations tx, long uid, boolean reverse, String afterId, Filter prefilter) {
            super("COLLECTION_SCAN", reverse ? "reverse" : "");
            this.prefilter = prefilter == Filter.ALL ? null : prefilter;
            this.prefilterFields = this.prefilter == null ? Set.of() : Filter.topFields(this.prefilter);
            this.prefilterReader = this.prefilter == null ? null : new SmileFieldReader(prefilterFields);
            String prefix = KeyLayout.docPrefix(uid);
            prefixLength = prefix.length();
            Scan scan = Scan.prefix(prefix);
            if (afterId != null) {
                scan = reverse ? new Scan(prefix, null, prefix + afterId, null, false, 0)
                        : new Scan(prefix, prefix + afterId + "\u0000", null, null, false, 0);
            }
            cursor = tx.scan(reverse ? scan.reverse() : scan);
        }

        @Override
        protected DocumentRecord advance() {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                keysExamined++;
                docsExamined++;
                String id = entry.key().substring(prefixLength);
                if (prefilter == null || prefilter.matches(prefilterFields(entry.value()), id)) {
                    return DocumentRecord.decode(id, entry.value());
                }
            }
            return null;
        }

        /** The fields the prefilter reads: straight from the bytes, or through the parser for what the reader leaves. */
        private Map<String, Object> prefilterFields(byte[] record) {
            Map<String, Object> fields = prefilterReader.read(record);
            return fields != null ? fields : StoredSmile.contentFields(record, prefilterFields);
        }

        @Override
        void close() {
            cursor.close();
        }
    }

    /** One index entry a scan yielded: the document id and the entry's value ({@link IndexEntryValue}). */
    record IndexHit(String id, byte[] value, List<String> fields) {
    }

    /** Key ranges of one index, scanned one after another; yields entries (each id once when the index is multikey). */
    static final class IndexScan extends Stage<IndexHit> {
        private final ReadOperations tx;
        private final Iterator<IndexBounds.Range> ranges;
        private final boolean reverse;
        private final Set<String> seen;
        private final List<String> fields;
        private final boolean points;
        private EntryCursor cursor;

        IndexScan(ReadOperations tx, IndexBounds bounds, boolean reverse) {
            super("INDEX_SCAN", () -> bounds.index().name() + " " + bounds.description() + (reverse ? " reverse" : ""));
            this.tx = tx;
            List<IndexBounds.Range> list = new ArrayList<>(bounds.ranges());
            if (reverse) {
                java.util.Collections.reverse(list);
            }
            this.ranges = list.iterator();
            this.reverse = reverse;
            this.seen = bounds.index().multikey() ? new HashSet<>() : null;
            this.fields = bounds.index().definition().fields();
            this.points = bounds.points();
        }

        @Override
        protected IndexHit advance() {
            while (true) {
                if (cursor == null || !cursor.hasNext()) {
                    if (cursor != null) {
                        cursor.close();
                        cursor = null;
                    }
                    if (!ranges.hasNext()) {
                        return null;
                    }
                    IndexBounds.Range range = ranges.next();
                    if (points) {
                        // a unique index pinned on every field: the range's one possible key, read as a point
                        // (a key too long to store cannot be there)
                        if (!storable(range.from())) {
                            continue;
                        }
                        var value = tx.get(range.from());
                        if (value.isPresent()) {
                            keysExamined++;
                            String id = IndexEntryValue.id(value.get());
                            if (seen == null || seen.add(id)) {
                                return new IndexHit(id, value.get(), fields);
                            }
                        }
                        continue;
                    }
                    Scan scan = Scan.range(range.from(), range.to());
                    cursor = tx.scan(reverse ? scan.reverse() : scan);
                    continue;
                }
                Entry entry = cursor.next();
                keysExamined++;
                String id = IndexEntryValue.id(entry.value());
                if (seen == null || seen.add(id)) {
                    return new IndexHit(id, entry.value(), fields);
                }
            }
        }

        private static boolean storable(String key) {
            return key.length() * 3 <= dev.strata.api.Store.MAX_KEY_BYTES
                    || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= dev.strata.api.Store.MAX_KEY_BYTES;
        }

        @Override
        void close() {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    /** The entries of several index scans, each id once. */
    static final class Union extends Stage<IndexHit> {
        private final Set<String> seen = new HashSet<>();
        private int current;

        Union(List<IndexScan> inputs) {
            super("UNION", "");
            children.addAll(inputs);
        }

        @SuppressWarnings("unchecked")
        @Override
        protected IndexHit advance() {
            while (current < children.size()) {
                Iterator<IndexHit> input = (Iterator<IndexHit>) children.get(current);
                while (input.hasNext()) {
                    IndexHit hit = input.next();
                    if (seen.add(hit.id())) {
                        return hit;
                    }
                }
                current++;
            }
            return null;
        }
    }

    /** Reads the documents of the ids its input yields. */
    static final class Fetch extends Stage<DocumentRecord> {
        private final ReadOperations tx;
        private final String docPrefix;
        private final Stage<IndexHit> ids;

        Fetch(ReadOperations tx, long uid, Stage<IndexHit> ids) {
            super("FETCH", "", ids);
            this.tx = tx;
            this.docPrefix = KeyLayout.docPrefix(uid);
            this.ids = ids;
        }

        @Override
        protected DocumentRecord advance() {
            while (ids.hasNext()) {
                String id = ids.next().id();
                docsExamined++;
                var bytes = tx.get(docPrefix + id);
                if (bytes.isPresent()) {
                    return DocumentRecord.decode(id, bytes.get());
                }
            }
            return null;
        }
    }

    /** Passes what matches a filter (the whole query filter: index bounds only narrow what is read). */
    static final class FilterStage extends Stage<DocumentRecord> {
        private final Stage<DocumentRecord> input;
        private final Filter filter;

        FilterStage(Stage<DocumentRecord> input, Filter filter, java.util.function.Supplier<String> description) {
            super("FILTER", description, input);
            this.input = input;
            this.filter = filter;
        }

        @Override
        protected DocumentRecord advance() {
            while (input.hasNext()) {
                DocumentRecord record = input.next();
                if (filter.matches(record.content(), record.id())) {
                    return record;
                }
            }
            return null;
        }
    }

    /** Passes what comes strictly after a continuation position. */
    static final class After extends Stage<DocumentRecord> {
        private final Stage<DocumentRecord> input;
        private final Order order;
        private final List<Object> position;

        After(Stage<DocumentRecord> input, Order order, List<Object> position) {
            super("AFTER", () -> Json.write(position), input);
            this.input = input;
            this.order = order;
            this.position = position;
        }

        @Override
        protected DocumentRecord advance() {
            while (input.hasNext()) {
                DocumentRecord record = input.next();
                if (order.compare(order.position(record), position) > 0) {
                    return record;
                }
            }
            return null;
        }
    }

    /** Sorts in memory; with a bound it keeps only the first {@code bound} documents (a heap). */
    static final class Sort extends Stage<DocumentRecord> {
        private final Stage<DocumentRecord> input;
        private final Order order;
        private final long bound;
        private Iterator<DocumentRecord> sorted;

        Sort(Stage<DocumentRecord> input, Order order, long bound) {
            super("SORT", order.describe() + (bound > 0 ? " top " + bound : ""), input);
            this.input = input;
            this.order = order;
            this.bound = bound;
        }

        @Override
        protected DocumentRecord advance() {
            if (sorted == null) {
                sorted = sortAll();
            }
            return sorted.hasNext() ? sorted.next() : null;
        }

        private Iterator<DocumentRecord> sortAll() {
            record Keyed(List<Object> position, DocumentRecord record) {
            }
            PriorityQueue<Keyed> heap = new PriorityQueue<>((a, b) -> order.compare(b.position, a.position));
            while (input.hasNext()) {
                DocumentRecord record = input.next();
                heap.add(new Keyed(order.position(record), record));
                if (bound > 0 && heap.size() > bound) {
                    heap.poll();
                } else if (bound == 0 && heap.size() > MAX_SORT_DOCUMENTS) {
                    throw new InvalidQueryException("a sort of more than " + MAX_SORT_DOCUMENTS
                            + " documents needs an index on the sort fields or a limit");
                }
            }
            List<DocumentRecord> out = new ArrayList<>(heap.size());
            while (!heap.isEmpty()) {
                out.add(heap.poll().record);
            }
            java.util.Collections.reverse(out);
            return out.iterator();
        }
    }

    /** Skip and limit. */
    static final class Window extends Stage<DocumentRecord> {
        private final Stage<DocumentRecord> input;
        private long toSkip;
        private final long limit;
        private long passed;

        Window(Stage<DocumentRecord> input, long skip, long limit) {
            super(limit > 0 ? "LIMIT" : "SKIP", (skip > 0 ? "skip " + skip : "") + (limit > 0 ? " limit " + limit : ""),
                    input);
            this.input = input;
            this.toSkip = skip;
            this.limit = limit;
        }

        @Override
        protected DocumentRecord advance() {
            while (toSkip > 0 && input.hasNext()) {
                input.next();
                toSkip--;
            }
            if (limit > 0 && passed >= limit) {
                return null;
            }
            if (!input.hasNext()) {
                return null;
            }
            passed++;
            return input.next();
        }
    }

    /** Keeps the listed paths of each document (the id always). */
    static Map<String, Object> project(Map<String, Object> content, List<String> paths) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            String[] segments = path.split("\\.");
            Object value = content;
            boolean found = true;
            for (String segment : segments) {
                if (value instanceof Map<?, ?> map && map.containsKey(segment)) {
                    value = map.get(segment);
                } else {
                    found = false;
                    break;
                }
            }
            if (found) {
                put(out, segments, 0, value);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> target, String[] segments, int index, Object value) {
        if (index == segments.length - 1) {
            target.put(segments[index], value);
            return;
        }
        Object child = target.computeIfAbsent(segments[index], k -> new java.util.LinkedHashMap<String, Object>());
        if (child instanceof Map) {
            put((Map<String, Object>) child, segments, index + 1, value);
        }
    }
}
