package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.ReadOperations;

/**
 * The statistics of one of a collection's {@link KeyLayout#SHARDS} shards: its document count and, per text-indexed
 * field, how many documents have words there and how many words in all (BM25's document count and average length).
 * Spreading them over shards keeps concurrent writers of different documents from always colliding on one counter.
 * Every document write rewrites its shard, and creating or dropping an index rewrites all of them: that write-write
 * overlap is the fence that makes a writer whose snapshot predates an index change conflict (and retry) instead of
 * committing without maintaining the new index.
 */
final class ShardStats {

    long documents;
    /** Keyed by {@code textIndexUid/field}: {documents with the field, total words}. */
    final Map<String, long[]> text = new LinkedHashMap<>();

    static ShardStats read(ReadOperations tx, long uid, int shard) {
        ShardStats stats = new ShardStats();
        tx.get(KeyLayout.shard(uid, shard)).ifPresent(bytes -> stats.load(bytes));
        return stats;
    }

    /** The text statistics of all shards summed ({@code textIndexUid/field}: documents, words), in one scan. */
    static Map<String, long[]> textTotals(ReadOperations tx, long uid) {
        Map<String, long[]> totals = new java.util.HashMap<>();
        try (dev.strata.api.EntryCursor cursor = tx.scan(dev.strata.api.Scan.prefix(KeyLayout.shardPrefix(uid)))) {
            while (cursor.hasNext()) {
                ShardStats stats = new ShardStats();
                stats.load(cursor.next().value());
                stats.text.forEach((key, pair) -> {
                    long[] sum = totals.computeIfAbsent(key, k -> new long[2]);
                    sum[0] += pair[0];
                    sum[1] += pair[1];
                });
            }
        }
        return totals;
    }

    @SuppressWarnings("unchecked")
    private void load(byte[] bytes) {
        Map<String, Object> map = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
        documents = ((Number) map.get("n")).longValue();
        Map<String, Object> fields = (Map<String, Object>) map.getOrDefault("t", Map.of());
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            List<Number> pair = (List<Number>) e.getValue();
            text.put(e.getKey(), new long[] {pair.get(0).longValue(), pair.get(1).longValue()});
        }
    }

    void addText(long textIndexUid, String field, long documentsDelta, long wordsDelta) {
        long[] pair = text.computeIfAbsent(textIndexUid + "/" + field, k -> new long[2]);
        pair[0] += documentsDelta;
        pair[1] += wordsDelta;
    }

    /** Drops the statistics of text indexes other than the given one (after a text index was dropped). */
    void retainText(long textIndexUid) {
        text.keySet().removeIf(key -> !key.startsWith(textIndexUid + "/"));
    }

    byte[] toBytes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", documents);
        Map<String, Object> fields = new LinkedHashMap<>();
        text.forEach((key, pair) -> fields.put(key, List.of(pair[0], pair[1])));
        map.put("t", fields);
        return Json.write(map).getBytes(StandardCharsets.UTF_8);
    }
}
