package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.ReadOperations;
import dev.strata.api.Store;

/**
 * The inverted index of a text index: for each field, word and document one key
 * {@code t/{index}/{field}{word}{id}} whose value is {@code id \n fieldLength \n positions}. A marker key
 * {@code l/{index}/{id}} holds the document's word counts per field: present exactly when the document is indexed, so
 * the background build skips documents a writer already indexed and statistics are never counted twice.
 */
final class TextPostings {

    private TextPostings() {
    }

    /** The words of a field: every string the path reaches (array elements included), one position after another. */
    static List<String> words(Map<String, Object> content, String id, String field) {
        List<String> words = new ArrayList<>();
        if (content == null) {
            return words;
        }
        for (Object value : Paths.flattened(content, id, field, new boolean[1])) {
            if (value instanceof String text) {
                words.addAll(TextAnalyzer.words(text));
            }
        }
        return words;
    }

    static String termPrefix(long uid, long indexUid, String field, String word) {
        return KeyLayout.textPrefix(uid, indexUid) + TupleCodec.encode(field) + TupleCodec.encode(word);
    }

    /**
     * Adds to {@code puts} and {@code deletes} what changes when a document's content goes from {@code old} to
     * {@code next} (either may be null), and updates the shard's statistics.
     */
    static void plan(ReadOperations tx, long uid, IndexMeta index, String id, Map<String, Object> old,
            Map<String, Object> next, Map<String, byte[]> puts, Set<String> deletes, ShardStats stats) {
        String markerKey = KeyLayout.textLengths(uid, index.uid(), id);
        Map<String, Object> oldLengths = tx.get(markerKey)
                .map(bytes -> Json.parseObject(new String(bytes, StandardCharsets.UTF_8))).orElse(null);
        boolean indexed = oldLengths != null;
        Map<String, Object> newLengths = new LinkedHashMap<>();
        for (String field : index.definition().fields()) {
            List<String> before = indexed ? words(old, id, field) : List.of();
            List<String> after = words(next, id, field);
            if (next != null) {
                newLengths.put(field, (long) after.size());
            }
            if (indexed && before.equals(after)) {
                continue;
            }
            for (String word : Set.copyOf(before)) {
                deletes.add(termPrefix(uid, index.uid(), field, word) + TupleCodec.encode(id));
            }
            Map<String, StringBuilder> positions = new LinkedHashMap<>();
            for (int p = 0; p < after.size(); p++) {
                StringBuilder list = positions.computeIfAbsent(after.get(p), w -> new StringBuilder());
                list.append(list.length() == 0 ? "" : ",").append(p);
            }
            for (Map.Entry<String, StringBuilder> e : positions.entrySet()) {
                String key = termPrefix(uid, index.uid(), field, e.getKey()) + TupleCodec.encode(id);
                if (key.getBytes(StandardCharsets.UTF_8).length > Store.MAX_KEY_BYTES) {
                    continue; // a word too long for a key is not searchable; everything else of the document is
                }
                deletes.remove(key);
                puts.put(key, (id + "\n" + after.size() + "\n" + e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            stats.addText(index.uid(), field, (after.isEmpty() ? 0 : 1) - (before.isEmpty() ? 0 : 1),
                    after.size() - before.size());
        }
        if (next == null) {
            if (indexed) {
                deletes.add(markerKey);
            }
        } else {
            puts.put(markerKey, Json.write(newLengths).getBytes(StandardCharsets.UTF_8));
        }
    }
}
