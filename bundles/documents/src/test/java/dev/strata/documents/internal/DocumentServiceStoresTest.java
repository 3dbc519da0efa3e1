package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.strata.api.document.DocumentStore;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document service keeps one document layer per store name: the same one for the same store object, a new one
 * for a store defined again under that name (the old store's layer, and its collections' caches, let go). The test
 * stores all have one name, as a store removed and defined again has.
 */
class DocumentServiceStoresTest {

    @TempDir
    Path directory;

    @Test
    void aStoreDefinedAgainGetsANewLayerAndTheOldOneIsNotKept() {
        try (DocumentServiceComponent service = new DocumentServiceComponent()) {
            for (int round = 0; round < 5; round++) {
                ManagedStore store = EngineStores.open("memory", directory.resolve("round-" + round));
                try {
                    DocumentStore documents = service.documents(store);
                    assertSame(documents, service.documents(store), "one layer per store object");
                    documents.createCollection("users");
                    assertTrue(documents.collectionNames().contains("users"), "the layer works on the store");
                    if (round > 0) {
                        assertEquals(1, service.storesKept(), "round " + round + ": only the store's newest layer");
                    }
                } finally {
                    EngineStores.close(store);
                }
            }
        }
    }
}
