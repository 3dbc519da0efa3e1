package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexState;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent writers while indexes are created (and built in the background) and dropped: afterwards every index
 * holds exactly the entries its documents call for, no entry without its document and no document without its entries.
 */
class ConcurrentIndexConsistencyTest {

    static final int WRITERS = 3;
    static final int OPERATIONS = 400;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void indexesMatchTheirDocuments(String engine) throws Exception {
        ManagedStore store = EngineStores.open(engine, directory);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            DocumentCollection c = service.documents(store).createCollection("c");
            for (int i = 0; i < 300; i++) {
                c.insert(Document.of("seed" + i, Map.of("v", i % 17, "tags", List.of("t" + i % 3), "text", "w" + i % 5)));
            }
            c.createIndex(IndexDefinition.of("v", "v"));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long seed = w;
                writers.add(pool.submit(() -> write(c, new Random(seed))));
            }
            c.createIndex(IndexDefinition.of("tags", "tags"));
            c.createIndex(IndexDefinition.text("text", "text"));
            c.awaitIndex("v", Duration.ofSeconds(60));
            c.dropIndex("tags");
            c.createIndex(IndexDefinition.of("tags", "tags"));
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            for (String name : List.of("v", "tags", "text")) {
                assertEquals(IndexState.READABLE, c.awaitIndex(name, Duration.ofSeconds(60)).state());
            }
            verify(store, service, c);
        } finally {
            pool.shutdownNow();
            EngineStores.close(store);
        }
    }

    private static void write(DocumentCollection c, Random random) {
        for (int i = 0; i < OPERATIONS; i++) {
            String id = "d" + random.nextInt(60);
            Map<String, Object> content = Map.of("v", random.nextInt(20), "tags",
                    List.of("t" + random.nextInt(4), "t" + random.nextInt(4)), "text", "w" + random.nextInt(6) + " common");
            try {
                writeOne(c, random, id, content);
            } catch (dev.strata.api.document.DocumentNotFoundException
                    | dev.strata.api.document.DuplicateDocumentException raced) {
                // another writer deleted or inserted the same document between the read and the write
            }
        }
    }

    private static void writeOne(DocumentCollection c, Random random, String id, Map<String, Object> content) {
        {
            int op = random.nextInt(10);
            if (op < 2) {
                c.delete(id);
            } else if (op < 4) {
                String seed = "seed" + random.nextInt(300);
                if (c.get(seed).isPresent()) {
                    c.update(seed, Map.of("v", random.nextInt(20)), -1);
                }
            } else if (c.get(id).isPresent()) {
                c.replace(id, content, -1);
            } else {
                c.insert(Document.of(id, content));
            }
        }
    }

    private static void verify(ManagedStore store, DocumentServiceComponent service, DocumentCollection c) {
        int documents = IndexAudit.check(store, "c");
        assertEquals(documents, c.count(Map.of()), "the shard counters add up");
        assertTrue(documents > 300);
    }

}
