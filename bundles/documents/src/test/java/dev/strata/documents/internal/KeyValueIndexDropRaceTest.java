package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.strata.api.document.KeyValueIndex;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window ConcurrentKeyValueIndexTest hit about one run in ten: a writer whose snapshot already has a multikey
 * index dropped, but which read the registry before the drop updated it. Its array paths must not write the dropped
 * index back into the metadata (it came back READABLE and empty). The window is held open here by letting another
 * registry commit the drop, so the writer's registry still lists the index.
 */
class KeyValueIndexDropRaceTest {

    @TempDir
    Path directory;

    @Test
    void aWriterThatStillListsADroppedIndexNeverWritesItBack() {
        try (DocumentServiceComponent writerSide = new DocumentServiceComponent()) {
            ManagedStore store = EngineStores.open("memory", directory, writerSide);
            try {
                writerSide.createKeyValueIndex(store, KeyValueIndex.of("by_w", "k.*", "w"));
                store.put("k.1", bytes("{\"w\":[1]}"));
                assertTrue(KeyValueIndexMeta.read(store).index("by_w").orElseThrow().index().multikey());

                assertTrue(new KeyValueIndexes().drop(store, "by_w"), "the drop commits");
                store.put("k.2", bytes("{\"w\":[2, 3]}")); // the writer side's registry still lists by_w

                assertEquals(java.util.Optional.empty(), KeyValueIndexMeta.read(store).index("by_w"),
                        "the dropped index stays dropped");
            } finally {
                EngineStores.close(store);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
