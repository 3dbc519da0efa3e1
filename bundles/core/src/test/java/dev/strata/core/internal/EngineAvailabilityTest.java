package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open engine that says it cannot reach its data makes its store UNAVAILABLE with the engine's reason, without
 * being closed or reopened, and the store is ONLINE again as soon as the engine says it can.
 */
class EngineAvailabilityTest {

    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private final ScriptedBackend backend = new ScriptedBackend();

    @BeforeEach
    void start() throws Exception {
        fixture = new CatalogFixture(dir);
        fixture.catalog.addBackend(backend, MemoryStores.info(backend, "scripted"));
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "0"));
        fixture.settle("s");
        fixture.store("s").put("before", "1".getBytes(UTF_8));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theTimerAsksTheEngineAndTheStoreFollowsItsAnswerWithoutAReopen() throws Exception {
        assertEquals(StoreStatus.ONLINE, fixture.status("s"));
        backend.unavailableReason = "the server at db:5432 does not answer";
        CatalogFixture.await("UNAVAILABLE from the timer's question",
                () -> fixture.status("s") == StoreStatus.UNAVAILABLE);
        assertEquals("the server at db:5432 does not answer", fixture.store("s").info().message());
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> fixture.store("s").get("before"));
        assertTrue(refused.getMessage().contains("db:5432"), refused.getMessage());
        assertThrows(StoreUnavailableException.class, () -> fixture.store("s").put("k", new byte[1]));

        backend.unavailableReason = "";
        CatalogFixture.await("ONLINE again", () -> fixture.status("s") == StoreStatus.ONLINE);
        assertArrayEquals("1".getBytes(UTF_8), fixture.store("s").get("before").orElseThrow());
        fixture.store("s").put("after", "2".getBytes(UTF_8));
        assertEquals(1, backend.opens.get(), "the engine stayed open: no reopen");
        assertEquals(0, backend.closes.get());
        assertTrue(fixture.log.stream().anyMatch(line -> line.contains("is UNAVAILABLE: the server at db:5432")),
                fixture.log.toString());
    }

    @Test
    void anOperationFailingWithUnavailableAsksTheEngineAtOnce() throws Exception {
        int asked = backend.availabilityQuestions.get();
        backend.unavailableReason = "connection refused";
        assertThrows(StoreUnavailableException.class, () -> fixture.store("s").get("before"));
        fixture.settle("s");
        assertTrue(backend.availabilityQuestions.get() > asked, "the failure queued a question");
        assertEquals(StoreStatus.UNAVAILABLE, fixture.status("s"),
                "UNAVAILABLE right after the failing operation, not at the next tick");
        assertEquals("connection refused", fixture.store("s").info().message());
    }

    @Test
    void theReasonIsTrimmedAndAFreshEngineStartsAvailable() throws Exception {
        ManagedStore store = fixture.store("s");
        StoreLifecycle life = fixture.catalog.lifecycle("s");
        new EngineAvailability(new StoreCatalog.Events() {
            @Override
            public void info(String message) {
            }

            @Override
            public void error(String message, Throwable cause) {
            }
        }).check(life);
        assertEquals(StoreStatus.ONLINE, store.info().status(), "an empty answer keeps it online");
        store.engineAvailability("  gone  ");
        assertEquals("gone", store.info().message());
        assertEquals(StoreStatus.UNAVAILABLE, store.info().status());
        store.detach("closed", 1_000);
        store.attach(backend, MemoryStores.info(backend, "scripted"));
        assertEquals(StoreStatus.ONLINE, store.info().status(), "a fresh engine starts available");
    }
}
