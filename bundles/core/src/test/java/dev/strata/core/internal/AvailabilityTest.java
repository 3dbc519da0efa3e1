package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.strata.api.Scan;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Transaction;
import dev.strata.backend.memory.MemoryBackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store whose engine comes and goes never loses an acknowledged commit and fails cleanly while away. */
class AvailabilityTest {

    @TempDir
    Path dir;

    private final MemoryBackend backend = new MemoryBackend();

    @Test
    void aStoreWithoutItsBackendIsListedUnavailableAndRefusesEverything() {
        ManagedStore store = new ManagedStore(MemoryStores.definition("orders", "example"), dir.resolve("orders"));
        assertEquals(StoreStatus.UNAVAILABLE, store.info().status());
        assertTrue(store.info().message().contains("backend 'example' is not installed"), store.info().message());
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> store.get("k"));
        assertTrue(e.getMessage().contains("orders"), e.getMessage());
        assertThrows(StoreUnavailableException.class, () -> store.put("k", new byte[1]));
        assertThrows(StoreUnavailableException.class, () -> store.scan(Scan.all()));
        assertThrows(StoreUnavailableException.class, store::begin);
        assertThrows(StoreUnavailableException.class, () -> store.inTransaction(tx -> tx.put("k", new byte[1])));
    }

    @Test
    void attachBringsItOnlineAndDetachTakesItAway() {
        ManagedStore store = new ManagedStore(MemoryStores.definition("s", "memory"), dir.resolve("s"));
        store.attach(backend, MemoryStores.info(backend, "memory"));
        assertEquals(StoreStatus.ONLINE, store.info().status());
        store.put("k", "v".getBytes(UTF_8));
        assertEquals(0, store.detach("backend 'memory' is not installed", 1_000));
        assertEquals(StoreStatus.UNAVAILABLE, store.info().status());
        assertThrows(StoreUnavailableException.class, () -> store.get("k"));
    }

    @Test
    void detachWaitsForAnOpenTransactionToCommit() throws Exception {
        ManagedStore store = new ManagedStore(MemoryStores.definition("s", "memory"), dir.resolve("s"));
        store.attach(backend, MemoryStores.info(backend, "memory"));
        Transaction tx = store.begin();
        tx.put("in-flight", "v".getBytes(UTF_8));
        CompletableFuture<Integer> detaching = CompletableFuture.supplyAsync(() -> store.detach("going away", 30_000));
        waitUntil(() -> store.info().status() == StoreStatus.UNAVAILABLE);
        assertFalse(detaching.isDone(), "the engine stays open while a transaction is inside it");
        assertThrows(StoreUnavailableException.class, () -> store.get("in-flight"), "new work is refused at once");
        tx.commit();
        assertEquals(0, detaching.get(30, TimeUnit.SECONDS), "nothing abandoned");
    }

    @Test
    void aTransactionAbandonedPastTheGracePeriodFailsAsUnavailable() {
        ManagedStore store = new ManagedStore(MemoryStores.definition("s", "memory"), dir.resolve("s"));
        store.attach(backend, MemoryStores.info(backend, "memory"));
        Transaction tx = store.begin();
        tx.put("late", "v".getBytes(UTF_8));
        assertEquals(1, store.detach("going away", 50));
        assertThrows(StoreUnavailableException.class, tx::commit);
        assertFalse(tx.isOpen());
    }

    @Test
    void aBackendThatCannotHonourTheDurabilityLeavesTheStoreUnavailableWithTheReason() {
        ManagedStore store = new ManagedStore(MemoryStores.definition("s", "memory", "durability", "fsync"),
                dir.resolve("s"));
        var info = new dev.strata.api.BackendInfo("memory", "test", "1", new dev.strata.api.BackendCapabilities(
                java.util.Set.of(dev.strata.api.IsolationLevel.SNAPSHOT), java.util.Set.of(dev.strata.api.Durability.NONE),
                false, false, false, false, false));
        assertThrows(dev.strata.api.InvalidArgumentException.class, () -> store.attach(backend, info));
        assertEquals(StoreStatus.UNAVAILABLE, store.info().status());
        assertTrue(store.info().message().contains("durability fsync"), store.info().message());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
