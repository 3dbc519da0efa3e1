package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.PutOptions;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.cache.CachedEngine;
import dev.strata.core.internal.metrics.MeasuredEngine;
import dev.strata.core.internal.metrics.StoreMeter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which begin core asks its engine for. A single-call write ({@code Store.put}, {@code putAll}, {@code delete}) may
 * let the engine take the snapshot with its first read ({@code StorageEngine.beginDeferred}: on a database server the
 * begin then costs no round trip of its own); an explicit transaction, whose snapshot the API promises at begin, never.
 * And every decorator core stacks on an engine passes the deferred begin on, so the engine's own answers it.
 */
class SingleWriteBeginTest {

    @TempDir
    Path dir;

    @Test
    void singleCallWritesDeferTheSnapshotAndTransactionsDoNot() {
        ScriptedBackend backend = new ScriptedBackend();
        // metered (the default) and with the read cache: both decorators between core and the engine
        ManagedStore store = new ManagedStore(MemoryStores.definition("s", "scripted", "read.cache.size", "1m"),
                dir.resolve("s"));
        store.attach(backend, MemoryStores.info(backend, "scripted"));
        try {
            int begins = backend.begins.get();
            store.put("a", bytes("1"));
            store.put("b", bytes("1"), PutOptions.DEFAULT);
            store.putAll(Map.of("c", bytes("1"), "d", bytes("1")));
            assertTrue(store.delete("a"));
            assertEquals(4, backend.deferredBegins.get(), "put, put with options, putAll, delete");
            assertEquals(begins, backend.begins.get(), "none of them took the snapshot at begin");

            store.inTransaction(tx -> tx.put("e", bytes("1")));
            try (Transaction tx = store.begin()) {
                tx.putAll(Map.of("f", bytes("1")));
                tx.commit();
            }
            assertEquals(4, backend.deferredBegins.get(), "explicit transactions take their snapshot at begin");
            assertEquals(begins + 2, backend.begins.get());
            assertEquals(List.of("b", "c", "d", "e", "f"), keys(store));
        } finally {
            store.detach("test over", 1_000);
        }
    }

    @Test
    void everyDecoratorPassesTheDeferredBeginToTheEngine() {
        ScriptedBackend backend = new ScriptedBackend();
        StorageEngine engine = backend.open(new EngineConfig("s", dir, Durability.NONE, Map.of()));
        try {
            List<StorageEngine> decorated = List.of(new CachedEngine(engine, 1 << 20),
                    new MeasuredEngine(engine, new StoreMeter()), new ReadOnlyEngine("s", engine),
                    new MeasuredEngine(new CachedEngine(new ReadOnlyEngine("s", engine), 1 << 20), new StoreMeter()));
            for (StorageEngine decorator : decorated) {
                decorator.beginDeferred(TransactionMode.READ_ONLY, IsolationLevel.SNAPSHOT).close();
            }
            assertEquals(decorated.size(), backend.deferredBegins.get());
            assertEquals(0, backend.begins.get(), "none fell back to a begin with the snapshot taken at once");
        } finally {
            engine.close();
        }
    }

    private static List<String> keys(ManagedStore store) {
        List<String> keys = new java.util.ArrayList<>();
        try (var cursor = store.scan(Scan.all())) {
            cursor.forEachRemaining(entry -> keys.add(entry.key()));
        }
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
