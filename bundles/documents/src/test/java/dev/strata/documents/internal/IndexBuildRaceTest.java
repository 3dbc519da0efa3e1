package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import dev.strata.api.ConflictException;
import dev.strata.api.Transaction;
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
 * A build batch that read a document before a writer changed it must not commit its (stale) entries: the batch
 * rewrites the documents it indexes, so it conflicts with the writer and runs again on the new content.
 */
class IndexBuildRaceTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file", "xodus", "example"})
    void aBatchRacingAWriterConflicts(String engine) {
        ManagedStore store = EngineStores.open(engine, directory);
        try {
            DocumentServiceComponent service = new DocumentServiceComponent();
            DocumentCollection c = service.documents(store).createCollection("c");
            c.insert(Document.of("d", Map.of("v", 1)));
            service.close(); // no background builder: this test runs the batch itself
            c.createIndex(IndexDefinition.of("v", "v"));
            CollectionContext context = new CollectionContext(store, "c", new IndexBuilder());
            long indexUid = store.read(context::meta).index("v").orElseThrow().uid();

            Transaction batch = store.begin();
            assertTrue(IndexBuilder.batch(batch, context, indexUid), "one batch indexes the one document");
            c.update("d", Map.of("v", 2), -1); // the writer maintains the WRITE_ONLY index and commits first
            assertThrows(ConflictException.class, batch::commit, "the batch read v = 1: it must not commit");
            batch.close();

            boolean finished = store.inTransactionResult(tx -> IndexBuilder.batch(tx, context, indexUid));
            assertTrue(finished);
            assertTrue(store.read(context::meta).index("v").orElseThrow().state() == IndexState.READABLE);
            IndexAudit.check(store, "c");
        } finally {
            EngineStores.close(store);
        }
    }
}
