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
 * The inverted index of a text index, in blocks: for each field, word and bucket of documents one key
 * {@code p/{index}/{field}{word}{bucket}} whose value is a {@link PostingBlock} with the postings (field length and
 * positions) of the bucket's documents holding the word. A search reads a word as at most {@value #BUCKETS} keys,
 * whatever the number of documents. A document's bucket is its id's hash modulo {@value #BUCKETS}, a multiple of
 * {@link KeyLayout#SHARDS}: two writers rewriting the same block write the same statistics shard too, so blocks add
 * no write-write conflict that the shard did not already make. A marker key {@code l/{index}/{id}} holds the
 * document's word counts per field: present exactly when the document is indexed, so the background build skips
 * documents a writer already indexed and statistics are never counted twice.
 *
 * <p>Indexes written before blocks kept one key per field, word and document ({@code t/{index}/{field}{word}{id}},
 * value {@code id \n fieldLength \n positions}) and a marker of bare JSON; new markers start with {@code B}. A
 * document with an old marker has its old keys deleted when it is next written, and search reads both layouts.
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

    static final int BUCKETS = 64;
    private static final byte BLOCK_MARKER = 'B';

    /** Where a word's postings lived before blocks: the prefix of one key per document. */
    static String legacyTermPrefix(long uid, long indexUid, String field, String word) {
        return KeyLayout.textPrefix(uid, indexUid) + TupleCodec.encode(field) + TupleCodec.encode(word);
    }

    /** The prefix of a word's blocks. */
    static String blockPrefix(long uid, long indexUid, String field, String word) {
        return KeyLayout.textBlockPrefix(uid, indexUid) + TupleCodec.encode(field) + TupleCodec.encode(word);
    }

    static int bucketOf(String id) {
        return Math.floorMod(id.hashCode(), BUCKETS);
    }

    static String blockKey(long uid, long indexUid, String field, String word, String id) {
        int bucket = bucketOf(id);
        return blockPrefix(uid, indexUid, field, word) + (bucket < 10 ? "0" : "") + bucket;
    }

    /**
     * Adds to {@code puts} and {@code deletes} what changes when a document's content goes from {@code old} to
     * {@code next} (either may be null), and updates the shard's statistics.
     */
    static void plan(ReadOperations tx, long uid, IndexMeta index, String id, Map<String, Object> old,
            Map<String, Object> next, Map<String, byte[]> puts, Set<String> deletes, ShardStats stats) {
        String markerKey = KeyLayout.textLengths(uid, index.uid(), id);
        byte[] marker = tx.get(markerKey).orElse(null);
        boolean indexed = marker != null;
        boolean legacy = indexed && marker.length > 0 && marker[0] != BLOCK_MARKER;
        Map<String, Object> newLengths = new LinkedHashMap<>();
        for (String field : index.definition().fields()) {
            List<String> before = indexed ? words(old, id, field) : List.of();
            List<String> after = words(next, id, field);
            if (next != null) {
                newLengths.put(field, (long) after.size());
            }
            if (indexed && !legacy && before.equals(after)) {
                continue;
            }
            Map<String, List<Integer>> positions = new LinkedHashMap<>();
            for (int p = 0; p < after.size(); p++) {
                positions.computeIfAbsent(after.get(p), w -> new ArrayList<>()).add(p);
            }
            for (String word : new java.util.LinkedHashSet<>(before)) {
                if (legacy) {
                    deletes.add(legacyTermPrefix(uid, index.uid(), field, word) + TupleCodec.encode(id));
                } else if (!positions.containsKey(word)) {
                    String key = blockKey(uid, index.uid(), field, word, id);
                    if (key.getBytes(StandardCharsets.UTF_8).length <= Store.MAX_KEY_BYTES) {
                        change(tx, key, id, null, puts, deletes);
                    }
                }
            }
            for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
                String key = blockKey(uid, index.uid(), field, e.getKey(), id);
                if (key.getBytes(StandardCharsets.UTF_8).length > Store.MAX_KEY_BYTES) {
                    continue; // a word too long for a key is not searchable; everything else of the document is
                }
                int[] at = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                change(tx, key, id, PostingBlock.posting(after.size(), at), puts, deletes);
            }
            stats.addText(index.uid(), field, (after.isEmpty() ? 0 : 1) - (before.isEmpty() ? 0 : 1),
                    after.size() - before.size());
        }
        if (next == null) {
            if (indexed) {
                deletes.add(markerKey);
            }
        } else {
            byte[] lengths = Json.write(newLengths).getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[lengths.length + 1];
            value[0] = BLOCK_MARKER;
            System.arraycopy(lengths, 0, value, 1, lengths.length);
            deletes.remove(markerKey);
            puts.put(markerKey, value);
        }
    }

    /**
     * Puts (or, with a null posting, removes) a document's posting in a block, as the block stands with the writes
     * planned so far: a background build plans a whole batch before it writes.
     */
    private static void change(ReadOperations tx, String key, String id, byte[] posting, Map<String, byte[]> puts,
            Set<String> deletes) {
        byte[] current = puts.containsKey(key) ? puts.get(key) : deletes.contains(key) ? null : tx.get(key).orElse(null);
        java.util.TreeMap<String, byte[]> entries = current == null ? new java.util.TreeMap<>() : PostingBlock.entries(current);
        byte[] was = posting == null ? entries.remove(id) : entries.put(id, posting);
        if (posting == null ? was == null : java.util.Arrays.equals(was, posting)) {
            return;
        }
        if (entries.isEmpty()) {
            puts.remove(key);
            deletes.add(key);
        } else {
            deletes.remove(key);
            puts.put(key, PostingBlock.encode(entries));
        }
    }
}
