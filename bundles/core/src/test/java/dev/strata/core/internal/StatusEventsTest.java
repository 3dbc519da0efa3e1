package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.management.StoreStatusListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core tells every status change of a store to the {@link StoreStatusListener}s, once each and in order, as it
 * happens: a flap far shorter than any poll gives its two changes, and a listener that blocks holds no store.
 */
class StatusEventsTest {

    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private final ScriptedBackend backend = new ScriptedBackend();
    private final StatusHub hub = new StatusHub((message, failure) -> { });
    /** "store STATUS" per call, "store REMOVED" for a removal. */
    private final List<String> told = new CopyOnWriteArrayList<>();
    /** Open unless a test holds the listener (a slow EventAdmin). */
    private volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeEach
    void start() throws Exception {
        hub.add(new StoreStatusListener() {
            @Override
            public void statusChanged(StoreInfo store) {
                await(release);
                told.add(store.name() + " " + store.status());
            }

            @Override
            public void storeRemoved(StoreInfo lastSeen) {
                await(release);
                told.add(lastSeen.name() + " REMOVED");
            }
        });
        fixture = new CatalogFixture(dir);
        fixture.catalog.hubs(ChangeHub.NONE, hub);
        fixture.catalog.addBackend(backend, MemoryStores.info(backend, "scripted"));
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "0"));
        fixture.settle("s");
        awaitTold(List.of("s OPENING", "s ONLINE"));
    }

    @AfterEach
    void stop() {
        fixture.close();
        hub.stop();
    }

    @Test
    void aFlapOfNoTimeGivesUnavailableThenOnlineInOrderWhileTheListenerIsHeld() throws Exception {
        release = new CountDownLatch(1); // the listener blocks: the store's changes must not wait for it
        ManagedStore store = fixture.store("s");
        store.engineAvailability("the server at db:5432 does not answer");
        store.engineAvailability("");
        store.engineAvailability("connection reset");
        store.engineAvailability("");
        release.countDown();
        awaitTold(List.of("s OPENING", "s ONLINE", "s UNAVAILABLE", "s ONLINE", "s UNAVAILABLE", "s ONLINE"));
    }

    @Test
    void aReasonChangeAloneIsNoChangeAndTheEngineQuestionTellsItsAnswer() throws Exception {
        ManagedStore store = fixture.store("s");
        backend.unavailableReason = "disk gone";
        assertThrows(StoreUnavailableException.class, () -> store.get("k")); // queues the engine's question
        fixture.settle("s");
        assertEquals(StoreStatus.UNAVAILABLE, store.info().status());
        store.engineAvailability("disk gone, still");
        backend.unavailableReason = "";
        store.engineAvailability("");
        awaitTold(List.of("s OPENING", "s ONLINE", "s UNAVAILABLE", "s ONLINE"));
    }

    @Test
    void closeReopenAndRemoveAreToldAndNothingAfterTheRemoval() throws Exception {
        fixture.catalog.close("s");
        fixture.settle("s");
        fixture.catalog.reopen("s");
        fixture.settle("s");
        fixture.catalog.remove("s");
        fixture.settle("s");
        awaitTold(List.of("s OPENING", "s ONLINE", "s UNAVAILABLE", "s OPENING", "s ONLINE", "s REMOVED"));
        hub.stop(); // delivers what is queued: a status told after the removal would show here
        assertEquals(List.of("s OPENING", "s ONLINE", "s UNAVAILABLE", "s OPENING", "s ONLINE", "s REMOVED"), told);
    }

    private void awaitTold(List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (told.size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, told);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
