package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Store;

/**
 * Reads a collection's keys straight from the store and checks that every index holds exactly the entries its
 * documents call for: no entry without its document, no document without its entries, no entry of a dropped index,
 * text statistics that count each document once.
 */
final class IndexAudit {

    private IndexAudit() {
    }

    /** @return the number of documents */
    static int check(Store store, String collection) {
        CollectionMeta meta = CollectionMeta.fromBytes(store.get(KeyLayout.meta(collection)).orElseThrow());
        Map<String, Map<String, Object>> docs = new TreeMap<>();
        String docPrefix = KeyLayout.docPrefix(meta.uid());
        for (Entry e : scan(store, docPrefix)) {
            DocumentRecord record = DocumentRecord.decode(e.key().substring(docPrefix.length()), e.value());
            docs.put(record.id(), record.content());
        }
        for (IndexMeta index : meta.indexes()) {
            Set<String> expected = new TreeSet<>();
            Set<String> actual = new TreeSet<>();
            if (index.isText()) {
                // every posting with its field length and positions, in the block its document's bucket names
                for (String field : index.definition().fields()) {
                    docs.forEach((id, content) -> {
                        List<String> words = TextPostings.words(content, id, field);
                        Map<String, List<Integer>> positions = new TreeMap<>();
                        for (int p = 0; p < words.size(); p++) {
                            positions.computeIfAbsent(words.get(p), w -> new ArrayList<>()).add(p);
                        }
                        positions.forEach((word, at) -> expected.add(
                                TextPostings.blockKey(meta.uid(), index.uid(), field, word, id) + " " + id + " = "
                                + HexFormat.of().formatHex(PostingBlock.posting(words.size(),
                                        at.stream().mapToInt(Integer::intValue).toArray()))));
                    });
                }
                scan(store, KeyLayout.textBlockPrefix(meta.uid(), index.uid())).forEach(e -> PostingBlock.entries(e.value())
                        .forEach((id, posting) -> actual.add(e.key() + " " + id + " = " + HexFormat.of().formatHex(posting))));
                scan(store, KeyLayout.textPrefix(meta.uid(), index.uid())).forEach(e -> actual.add("legacy " + e.key()));
                assertEquals(docs.size(), scan(store, KeyLayout.textLengthsPrefix(meta.uid(), index.uid())).size());
                for (String field : index.definition().fields()) {
                    long counted = 0;
                    long withWords = docs.entrySet().stream()
                            .filter(d -> !TextPostings.words(d.getValue(), d.getKey(), field).isEmpty()).count();
                    for (int shard = 0; shard < KeyLayout.SHARDS; shard++) {
                        long[] pair = ShardStats.read(store, meta.uid(), shard).text.get(index.uid() + "/" + field);
                        counted += pair == null ? 0 : pair[0];
                    }
                    assertEquals(withWords, counted, "BM25 statistics count every document once");
                }
            } else {
                // each entry with the value a covering plan reads: the id and the exact indexed values
                docs.forEach((id, content) -> {
                    IndexKeys.Entries entries = IndexKeys.of(meta.uid(), index, id, content);
                    entries.keys().forEach(key -> expected.add(key + " = " + HexFormat.of().formatHex(entries.value())));
                });
                scan(store, KeyLayout.indexPrefix(meta.uid(), index.uid()))
                        .forEach(e -> actual.add(e.key() + " = " + HexFormat.of().formatHex(e.value())));
            }
            assertEquals(expected, actual, "index " + index.name() + " holds exactly its documents' entries");
        }
        long stale = scan(store, KeyLayout.base(meta.uid()) + "i/").stream().filter(e -> meta.indexes().stream()
                .noneMatch(i -> e.key().startsWith(KeyLayout.indexPrefix(meta.uid(), i.uid())))).count();
        assertEquals(0, stale, "a dropped index leaves no entry behind");
        return docs.size();
    }

    static List<Entry> scan(Store store, String prefix) {
        List<Entry> entries = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.prefix(prefix))) {
            cursor.forEachRemaining(entries::add);
        }
        return entries;
    }
}
