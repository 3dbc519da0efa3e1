package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.Store;
import dev.strata.api.document.InvalidDocumentException;

/**
 * The entries a value index holds for one document: the tuple of the indexed paths' values (one entry per array
 * element, the cartesian product for a compound index with one array path), followed by the id unless the index is
 * unique. Missing values index as null, except in unique indexes, which skip a document missing any of their fields
 * (so that many documents may lack it).
 */
final class IndexKeys {

    /** An index never holds more entries than this for one document. */
    static final int MAX_ENTRIES_PER_DOCUMENT = 1000;

    /**
     * The keys (in order), the value every one of them holds ({@link IndexEntryValue}) and whether an indexed path
     * held an array.
     */
    record Entries(Set<String> keys, byte[] value, Set<String> arrayFields) {
        static final Entries NONE = new Entries(Set.of(), null, Set.of());

        boolean sawArray() {
            return !arrayFields.isEmpty();
        }
    }

    private IndexKeys() {
    }

    static Entries of(long collectionUid, IndexMeta index, String id, Map<String, Object> content) {
        if (content == null) {
            return Entries.NONE;
        }
        List<List<String>> perField = new ArrayList<>();
        Set<String> arrayPaths = new LinkedHashSet<>();
        int arraysOpened = 0;
        for (String path : index.definition().fields()) {
            boolean[] saw = new boolean[1];
            Map<String, Object> distinct = new LinkedHashMap<>();
            for (Object value : Paths.flattened(content, id, path, saw)) {
                distinct.putIfAbsent(TupleCodec.encode(value), value);
            }
            if (saw[0]) {
                arraysOpened++;
            }
            // several values (an array here, or an array of objects crossed on the way): several entries, so the
            // index is multikey (scans deduplicate ids) and a covering plan cannot read this path from an entry
            if (saw[0] || Paths.candidates(content, id, path).size() > 1) {
                arrayPaths.add(path);
            }
            if (distinct.isEmpty()) {
                distinct.put(TupleCodec.encode(null), null);
            }
            if (index.definition().unique()) {
                distinct.values().removeIf(v -> v == null);
                if (distinct.isEmpty()) {
                    return new Entries(Set.of(), null, arrayPaths);
                }
            }
            perField.add(new ArrayList<>(distinct.keySet()));
        }
        if (arraysOpened > 1) {
            throw new InvalidDocumentException("index '" + index.name() + "': document '" + id
                    + "' has arrays at more than one indexed path (parallel arrays cannot be indexed)");
        }
        String prefix = KeyLayout.indexPrefix(collectionUid, index.uid());
        String suffix = index.definition().unique() ? "" : TupleCodec.encode(id);
        Set<String> keys = new LinkedHashSet<>();
        product(perField, 0, new StringBuilder(prefix), suffix, keys, index);
        return new Entries(keys, IndexEntryValue.encode(id, index.definition().fields(), content), arrayPaths);
    }

    private static void product(List<List<String>> perField, int field, StringBuilder key, String suffix,
            Set<String> out, IndexMeta index) {
        if (field == perField.size()) {
            String full = key + suffix;
            if (full.getBytes(StandardCharsets.UTF_8).length > Store.MAX_KEY_BYTES) {
                throw new InvalidDocumentException("index '" + index.name() + "': an indexed value is too long (its key "
                        + "would exceed " + Store.MAX_KEY_BYTES + " bytes)");
            }
            if (out.size() >= MAX_ENTRIES_PER_DOCUMENT) {
                throw new InvalidDocumentException("index '" + index.name() + "': a document would have more than "
                        + MAX_ENTRIES_PER_DOCUMENT + " entries");
            }
            out.add(full);
            return;
        }
        int length = key.length();
        for (String encoded : perField.get(field)) {
            key.append(encoded);
            product(perField, field + 1, key, suffix, out, index);
            key.setLength(length);
        }
    }
}
