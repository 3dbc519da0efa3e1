package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;

import org.junit.jupiter.api.Test;

/**
 * A text index written before posting blocks (one key per field, word and document, a bare JSON marker) is still
 * searched with the same ranking, and each document moves to blocks when it is next written: after every document
 * was rewritten, no key of the old layout is left and the audit finds the blocks exact.
 */
class TextBlockMigrationTest extends EngineCase {

    @Override
    String engine() {
        return "memory";
    }

    @Test
    void oldPostingsAreSearchedAndMovedToBlocksOnWrite() {
        DocumentCollection c = documents.createCollection("texts");
        index(c, IndexDefinition.text("text", "title", "body"));
        String[] bodies = {"machine learning at scale", "learning to cook pasta", "machine sympathy and storage",
            "storage engines learning", "a long body about machine machine learning and storage engines"};
        for (int i = 0; i < bodies.length; i++) {
            c.insertJson(("{\"_id\":\"d" + i + "\",\"title\":\"t" + i + " machine\",\"body\":\""
                    + bodies[i] + "\"}"));
        }
        List<String> queries = List.of("machine", "learning storage", "\"machine learning\"", "stor*", "t3");
        Map<String, List<String>> before = results(c, queries);
        CollectionMeta meta = CollectionMeta.fromBytes(store.get(KeyLayout.meta("texts")).orElseThrow());
        IndexMeta text = meta.textIndex().orElseThrow();
        rewriteAsOldLayout(meta.uid(), text);
        assertTrue(IndexAudit.scan(store, KeyLayout.textBlockPrefix(meta.uid(), text.uid())).isEmpty());

        assertEquals(before, results(c, queries), "the old layout ranks the same");
        c.replace("d1", service.parseJsonObject("{\"title\":\"t1\",\"body\":\"cooking without machine\"}"),
                c.get("d1").orElseThrow().version());
        c.delete("d2");
        Map<String, List<String>> mixed = results(c, queries);
        assertNotEquals(before, mixed);
        assertEquals(List.of("d1"), mixed.get("t1-check"), "a rewritten document is found by its new words");
        for (String id : List.of("d0", "d3", "d4")) {
            c.replace(id, c.get(id).orElseThrow().content(), c.get(id).orElseThrow().version());
        }
        assertEquals(mixed, results(c, queries), "moving to blocks changes no ranking");
        assertEquals(List.of(), IndexAudit.scan(store, KeyLayout.textPrefix(meta.uid(), text.uid())));
        assertEquals(4, IndexAudit.check(store, "texts"));
    }

    /** What the layer wrote before blocks: a key per posting, {@code id \n length \n positions}, JSON markers. */
    private void rewriteAsOldLayout(long uid, IndexMeta text) {
        store.inTransaction(tx -> {
            for (Entry block : IndexAudit.scan(store, KeyLayout.textBlockPrefix(uid, text.uid()))) {
                String rest = block.key().substring(KeyLayout.textBlockPrefix(uid, text.uid()).length());
                String fieldAndWord = rest.substring(0, rest.length() - 2);
                PostingBlock.read(block.value(), true, (id, posting) -> {
                    StringBuilder positions = new StringBuilder();
                    for (int p : posting.positions()) {
                        positions.append(positions.length() == 0 ? "" : ",").append(p);
                    }
                    tx.put(KeyLayout.textPrefix(uid, text.uid()) + fieldAndWord + TupleCodec.encode(id),
                            (id + "\n" + posting.length() + "\n" + positions).getBytes(StandardCharsets.UTF_8));
                });
                tx.delete(block.key());
            }
            for (Entry marker : IndexAudit.scan(store, KeyLayout.textLengthsPrefix(uid, text.uid()))) {
                tx.put(marker.key(), java.util.Arrays.copyOfRange(marker.value(), 1, marker.value().length));
            }
        });
    }

    private static Map<String, List<String>> results(DocumentCollection c, List<String> queries) {
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String query : queries) {
            List<String> hits = new ArrayList<>();
            for (SearchHit hit : c.search(TextQuery.of(query))) {
                hits.add(hit.document().id() + String.format(" %.6f", hit.score()));
            }
            results.put(query, hits);
        }
        results.put("t1-check", c.search(TextQuery.of("cooking")).stream().map(h -> h.document().id()).toList());
        return results;
    }
}
