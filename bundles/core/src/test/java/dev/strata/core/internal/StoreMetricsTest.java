package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import dev.strata.api.ConflictException;
import dev.strata.api.Scan;
import dev.strata.api.StoreMetrics;
import dev.strata.api.Transaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core measures every operation on the engine's behalf: the counts a client's work must produce. */
class StoreMetricsTest {

    @TempDir
    Path dir;

    @Test
    void everyOperationIsCountedOnceAndReadOnlyTransactionsAreNeitherCommitsNorRollbacks() {
        ManagedStore store = MemoryStores.online(dir);
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, new byte[] {1});
        }
        for (int i = 0; i < 7; i++) {
            store.get("k" + i);
        }
        store.delete("k0");
        store.scan(Scan.prefix("k")).close();
        try (Transaction tx = store.begin()) {
            tx.put("rolled", new byte[] {2});
        }
        try (Transaction one = store.begin(); Transaction two = store.begin()) {
            one.put("same", new byte[] {1});
            two.put("same", new byte[] {2});
            one.commit();
            assertThrows(ConflictException.class, two::commit);
        }
        StoreMetrics metrics = store.metrics();
        assertEquals(13, metrics.operations().get("put").count(), "10 puts, one rolled back, two racing");
        assertEquals(7, metrics.operations().get("get").count());
        assertEquals(1, metrics.operations().get("delete").count());
        assertEquals(1, metrics.operations().get("scan").count());
        assertEquals(13, metrics.operations().get("commit").count(), "10 puts, 1 delete, the race's two commits");
        assertEquals(1, metrics.operations().get("rollback").count(), "only the read-write transaction closed uncommitted");
        assertEquals(1, metrics.conflicts());
        assertEquals(10, metrics.keys(), "the engine's own figure comes along: 10 keys, k0 deleted, 'same' added");
    }

    @Test
    void metricsOffLeavesOperationsUncountedAndTheStoreWorking() {
        dev.strata.backend.memory.MemoryBackend backend = new dev.strata.backend.memory.MemoryBackend();
        ManagedStore store = new ManagedStore(MemoryStores.definition("quiet", "memory", ManagedStore.METRICS, "off"),
                dir.resolve("quiet"));
        store.attach(backend, MemoryStores.info(backend, "memory"));
        store.put("k", new byte[] {1});
        assertEquals(1, store.get("k").orElseThrow()[0]);
        StoreMetrics metrics = store.metrics();
        assertEquals(0, metrics.operations().values().stream().mapToLong(o -> o.count()).sum(),
                "no operation measured: " + metrics.operations());
        assertEquals(1, metrics.keys(), "the engine's own figures still come along");
    }
}
