package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.backend.memory.MemoryBackend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines open and close off the callers' threads, one store's slowness never reaches another, failures retry. */
class StoreLifecycleTest {

    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private StoreCatalog catalog;
    private final ScriptedBackend slow = new ScriptedBackend();
    private final MemoryBackend memory = new MemoryBackend();

    @BeforeEach
    void start() {
        fixture = new CatalogFixture(dir);
        catalog = fixture.catalog;
    }

    @AfterEach
    void stop() {
        slow.openGate.countDown();
        slow.checkpointGate.countDown();
        slow.closeGate.countDown();
        fixture.close();
    }

    @Test
    void aSlowRecoveryShowsOpeningAndBlocksNoOtherStore() throws Exception {
        slow.openGate = new CountDownLatch(1);
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("big", "slow"));
        CatalogFixture.await("the slow open has begun", () -> slow.opens.get() == 1);
        assertEquals(StoreStatus.OPENING, fixture.status("big"));
        assertTrue(fixture.store("big").info().message().contains("opening"), fixture.store("big").info().message());

        // while "big" recovers, other stores are defined, bound, used and removed, each call returning at once
        CompletableFuture.runAsync(() -> {
            catalog.define(MemoryStores.definition("small", "memory"));
            catalog.addBackend(memory, MemoryStores.info(memory, "memory"));
            catalog.define(MemoryStores.definition("scratch", "memory"));
            catalog.remove("scratch");
        }).get(10, TimeUnit.SECONDS);
        fixture.settle("small");
        assertEquals(StoreStatus.ONLINE, fixture.status("small"));
        fixture.store("small").put("k", "v".getBytes(UTF_8));
        assertEquals(StoreStatus.OPENING, fixture.status("big"), "still recovering");

        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> fixture.store("big").get("k"), "after a short wait, a clear refusal");
        assertTrue(refused.getMessage().contains("store 'big' is still opening"), refused.getMessage());

        slow.openGate.countDown();
        fixture.settle("big");
        assertEquals(StoreStatus.ONLINE, fixture.status("big"));
        assertTrue(fixture.published.contains("big"));
    }

    @Test
    void anOperationArrivingWhileItsStoreOpensWaitsForTheOpen() throws Exception {
        slow.openGate = new CountDownLatch(1);
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("big", "slow"));
        CatalogFixture.await("the slow open has begun", () -> slow.opens.get() == 1);
        ManagedStore store = fixture.store("big");
        Thread[] caller = new Thread[1];
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
            caller[0] = Thread.currentThread();
            store.put("k", "v".getBytes(UTF_8));
        });
        CatalogFixture.await("the put waits", () -> caller[0] != null
                && caller[0].getState() == Thread.State.TIMED_WAITING);
        slow.openGate.countDown();
        put.get(30, TimeUnit.SECONDS);
        assertArrayEquals("v".getBytes(UTF_8), store.get("k").orElseThrow());
    }

    @Test
    void aBackendWaitingForAServiceKeepsTheStoreOpeningAndARunningClientNeverSeesIt() throws Exception {
        // the start-order race: the file backend is up before the codec service the store needs
        slow.failNextOpens(new StoreUnavailableException("compression 'lz4' is not available"),
                new StoreUnavailableException("compression 'lz4' is not available"));
        catalog.addBackend(slow, MemoryStores.info(slow, "file"));
        catalog.define(MemoryStores.definition("files", "file"));
        ManagedStore store = fixture.store("files");
        store.put("k", "v".getBytes(UTF_8)); // waits through the retries instead of failing
        assertEquals(3, slow.opens.get());
        assertEquals(StoreStatus.ONLINE, store.info().status());
        assertFalse(fixture.log.stream().anyMatch(line -> line.startsWith("ERROR")), fixture.log.toString());
    }

    @Test
    void whileTheFrameworkStartsAStoreWaitsForItsBackendToRegister() throws Exception {
        try (CatalogFixture starting = new CatalogFixture(dir.resolve("boot"), true)) {
            starting.catalog.define(MemoryStores.definition("files", "file"));
            starting.catalog.define(MemoryStores.definition("plugin", "example"));
            assertEquals(StoreStatus.OPENING, starting.status("files"));
            assertTrue(starting.store("files").info().message().contains("backend 'file', which has not started yet"),
                    starting.store("files").info().message());
            CompletableFuture<Void> client = CompletableFuture.runAsync(
                    () -> starting.store("files").put("k", "v".getBytes(UTF_8)));
            starting.catalog.addBackend(slow, MemoryStores.info(slow, "file"));
            client.get(30, TimeUnit.SECONDS); // waited for the backend instead of failing
            starting.catalog.frameworkStarted();
            starting.settle("plugin");
            assertEquals(StoreStatus.UNAVAILABLE, starting.status("plugin"), "not installed, once everything started");
            assertTrue(starting.store("plugin").info().message().contains("not installed"));
        }
    }

    @Test
    void aFailedOpenIsUnavailableWithItsReasonAndRetried() throws Exception {
        slow.failNextOpens(new StorageException("disk full"));
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("s", "slow"));
        fixture.settle("s");
        assertEquals(StoreStatus.UNAVAILABLE, fixture.status("s"));
        assertTrue(fixture.store("s").info().message().contains("disk full"), fixture.store("s").info().message());
        assertTrue(fixture.log.stream().anyMatch(line -> line.startsWith("ERROR") && line.contains("disk full")
                && line.contains("trying again in " + StoreCatalog.FIRST_FAILED_RETRY_MILLIS + " ms")),
                fixture.log.toString());
        CatalogFixture.await("the retry opened it", () -> fixture.status("s") == StoreStatus.ONLINE);
        assertEquals(2, slow.opens.get());
    }

    @Test
    void anOperatorReopensAFailedStoreWithoutWaitingForTheRetry() throws Exception {
        slow.failNextOpens(new StorageException("MANIFEST unreadable"));
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("s", "slow"));
        fixture.settle("s");
        assertEquals(StoreStatus.UNAVAILABLE, fixture.status("s"));
        catalog.reopen("s");
        fixture.settle("s");
        assertEquals(StoreStatus.ONLINE, fixture.status("s"));
        assertEquals(2, slow.opens.get());
        assertThrows(NotFoundException.class, () -> catalog.reopen("nope"));
    }

    @Test
    void reopeningAnOpenStoreClosesItsEngineAndOpensANewOne() throws Exception {
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("s", "slow"));
        fixture.settle("s");
        catalog.reopen("s");
        fixture.settle("s");
        assertEquals(1, slow.closes.get());
        assertEquals(2, slow.opens.get());
        assertEquals(StoreStatus.ONLINE, fixture.status("s"));
    }

    @Test
    void aReadOnlyEngineSaysWhy() throws Exception {
        slow.readOnlyReason = "the MANIFEST is damaged; opened read-only from the last good state";
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("s", "slow"));
        fixture.settle("s");
        assertEquals(StoreStatus.READ_ONLY, fixture.status("s"));
        assertEquals(slow.readOnlyReason, fixture.store("s").info().message());
    }

    @Test
    void aStoreDefinedAgainOpensOnlyAfterItsPredecessorClosed() throws Exception {
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("s", "slow"));
        fixture.settle("s");
        slow.closeGate = new CountDownLatch(1);
        catalog.remove("s"); // a configuration update: remove, then define at once, on the ConfigAdmin thread
        catalog.define(MemoryStores.definition("s", "slow", "durability", "none"));
        Thread.sleep(300);
        assertEquals(1, slow.opens.get(), "the new engine must not open the directory the old one still holds");
        slow.closeGate.countDown();
        fixture.settle("s");
        assertEquals(2, slow.opens.get());
        assertEquals(1, slow.closes.get());
        assertEquals(StoreStatus.ONLINE, fixture.status("s"));
    }

    @Test
    void removingABackendReturnsOnlyAfterItsStoresClosed() throws Exception {
        catalog.addBackend(slow, MemoryStores.info(slow, "slow"));
        catalog.define(MemoryStores.definition("a", "slow"));
        catalog.define(MemoryStores.definition("b", "slow"));
        fixture.settle("a");
        fixture.settle("b");
        slow.closeGate = new CountDownLatch(1);
        CompletableFuture<Void> leaving = CompletableFuture.runAsync(() -> catalog.removeBackend(slow));
        Thread.sleep(300);
        assertFalse(leaving.isDone(), "the unbind waits while the engines close");
        slow.closeGate.countDown();
        leaving.get(30, TimeUnit.SECONDS);
        assertEquals(2, slow.closes.get(), "its code may go away now: no engine of it is left open");
        assertEquals(StoreStatus.UNAVAILABLE, fixture.status("a"));
    }
}
