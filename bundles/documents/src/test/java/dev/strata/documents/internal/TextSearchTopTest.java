package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The best hits of a one-word query, which are scored straight from the posting blocks: exactly the highest scores,
 * ties broken by the smaller id, whatever order the blocks hold the postings in (their buckets are id hashes). With
 * hundreds of exact ties, any posting passed over or kept wrongly changes the list.
 */
class TextSearchTopTest {

    @TempDir
    Path directory;

    @Test
    void theBestHitsAreTheHighestScoresThenTheSmallestIds() {
        ManagedStore store = EngineStores.open("memory", directory);
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            DocumentCollection c = service.documents(store).createCollection("notes");
            c.createIndex(IndexDefinition.text("text", "t"));
            c.awaitIndex("text", Duration.ofSeconds(30));
            List<Document> batch = new ArrayList<>();
            List<String> short1 = new ArrayList<>();
            List<String> long2 = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String id = String.format("d%03d", i);
                String text = i % 3 == 0 ? "apple pie" : i % 3 == 1 ? "apple" : "pie only here";
                batch.add(Document.of(id, Map.of("t", text)));
                (i % 3 == 1 ? short1 : i % 3 == 0 ? long2 : new ArrayList<String>()).add(id);
            }
            c.insertAll(batch);
            assertEquals(short1.subList(0, 10), ids(c.search(TextQuery.of("apple").limit(10))),
                    "the shorter field scores higher; equal scores by id");
            List<String> expected = new ArrayList<>(short1);
            expected.addAll(long2.subList(0, 50));
            List<SearchHit> hits = c.search(TextQuery.of("apple").limit(150));
            assertEquals(expected, ids(hits));
            assertEquals(hits.get(0).score(), hits.get(99).score(), "ties");
            assertEquals(true, hits.get(99).score() > hits.get(100).score());
        } finally {
            EngineStores.close(store);
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.document().id()).toList();
    }
}
