package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.strata.api.InvalidArgumentException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core checkpoints on an interval and past a log size, compacts when asked, and never into a close. */
class MaintenanceTest {

    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private final ScriptedBackend backend = new ScriptedBackend();

    @BeforeEach
    void start() {
        fixture = new CatalogFixture(dir);
        fixture.catalog.addBackend(backend, MemoryStores.info(backend, "scripted"));
    }

    @AfterEach
    void stop() {
        backend.checkpointGate.countDown();
        fixture.close();
    }

    @Test
    void aStoreIsCheckpointedOnItsInterval() throws Exception {
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "1s",
                "wal.max.size", "0"));
        CatalogFixture.await("two checkpoints", () -> backend.checkpoints.get() >= 2);
        assertTrue(fixture.log.stream().anyMatch(line -> line.contains("checkpoint.interval 1000 ms")),
                fixture.log.toString());
    }

    @Test
    void aLogPastItsLimitIsCheckpointedAndNotBefore() throws Exception {
        backend.walBytes.set(900 << 10);
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "0",
                "wal.max.size", "1m"));
        fixture.settle("s");
        Thread.sleep(2 * StoreCatalog.MAINTENANCE_TICK_MILLIS + 500);
        assertEquals(0, backend.checkpoints.get(), "900 KiB of log is under 1 MiB, and the interval is off");
        backend.walBytes.set(2 << 20);
        CatalogFixture.await("a checkpoint", () -> backend.checkpoints.get() == 1);
        assertTrue(fixture.log.stream().anyMatch(line -> line.contains("log 2097152 bytes > wal.max.size 1048576")),
                fixture.log.toString());
    }

    @Test
    void anEngineThatAsksForCompactionIsCompacted() throws Exception {
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "0"));
        fixture.settle("s");
        backend.wantsCompaction.set(true);
        CatalogFixture.await("a compaction", () -> backend.compactions.get() == 1);
        Thread.sleep(2 * StoreCatalog.MAINTENANCE_TICK_MILLIS);
        assertEquals(1, backend.compactions.get(), "once it no longer asks, no more");
    }

    @Test
    void aCheckpointAndAClosingBackendNeverOverlap() throws Exception {
        backend.checkpointGate = new CountDownLatch(1);
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "1s"));
        assertTrue(backend.checkpointStarted.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> leaving = CompletableFuture.runAsync(() -> fixture.catalog.removeBackend(backend));
        Thread.sleep(300);
        assertFalse(leaving.isDone(), "the backend's unbind waits for the running checkpoint");
        assertEquals(0, backend.closes.get(), "the engine is not closed under its checkpoint");
        backend.checkpointGate.countDown();
        leaving.get(30, TimeUnit.SECONDS);
        assertEquals(1, backend.closes.get());
        assertFalse(backend.closedDuringCheckpoint.get());
    }

    @Test
    void settingsAreReadWithUnitsAndBadOnesRefuseTheDefinition() {
        MaintenanceSettings settings = MaintenanceSettings.from(MemoryStores.definition("s", "m",
                "checkpoint.interval", "500ms", "wal.max.size", "64m"));
        assertEquals(500, settings.checkpointMillis());
        assertEquals(64L << 20, settings.walMaxBytes());
        assertEquals(new MaintenanceSettings(300_000, 128L << 20),
                MaintenanceSettings.from(MemoryStores.definition("s", "m")));
        assertEquals(120_000, MaintenanceSettings.from(MemoryStores.definition("s", "m", "checkpoint.interval", "2m"))
                .checkpointMillis());
        assertEquals(30_000, MaintenanceSettings.from(MemoryStores.definition("s", "m", "checkpoint.interval", "30"))
                .checkpointMillis());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> fixture.catalog.define(MemoryStores.definition("s", "scripted", "wal.max.size", "lots")));
        assertTrue(e.getMessage().contains("wal.max.size must be a size"), e.getMessage());
        assertTrue(fixture.catalog.find("s").isEmpty(), "a bad setting defines nothing");
    }

    @Test
    void anOperatorCheckpointsAndCompactsNowAndIsToldWhenTheStoreIsNotOpen() throws Exception {
        fixture.catalog.define(MemoryStores.definition("s", "scripted", "checkpoint.interval", "0"));
        fixture.settle("s");
        fixture.catalog.runNow("s", "checkpoint", engine -> engine.checkpoint());
        assertEquals(1, backend.checkpoints.get(), "the checkpoint ran before the call returned");
        fixture.catalog.runNow("s", "compact", engine -> engine.compact());
        assertEquals(1, backend.compactions.get());
        assertThrows(dev.strata.api.NotFoundException.class,
                () -> fixture.catalog.runNow("nope", "checkpoint", engine -> engine.checkpoint()));

        fixture.catalog.close("s");
        fixture.settle("s");
        assertEquals(dev.strata.api.StoreStatus.UNAVAILABLE, fixture.status("s"));
        assertTrue(fixture.store("s").info().message().contains("closed by an operator"),
                fixture.store("s").info().message());
        dev.strata.api.StoreUnavailableException refused = assertThrows(
                dev.strata.api.StoreUnavailableException.class,
                () -> fixture.catalog.runNow("s", "checkpoint", engine -> engine.checkpoint()));
        assertTrue(refused.getMessage().contains("cannot checkpoint"), refused.getMessage());
        assertEquals(1, backend.checkpoints.get());

        fixture.catalog.removeBackend(backend);
        fixture.catalog.addBackend(backend, MemoryStores.info(backend, "scripted"));
        fixture.settle("s");
        assertEquals(dev.strata.api.StoreStatus.UNAVAILABLE, fixture.status("s"),
                "a closed store stays closed whatever its backends do");
        fixture.catalog.reopen("s");
        fixture.settle("s");
        assertEquals(dev.strata.api.StoreStatus.ONLINE, fixture.status("s"));
    }
}
