package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.cache.CachedEngine;
import dev.strata.core.internal.metrics.MeasuredEngine;
import dev.strata.core.internal.metrics.StoreMeter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's engine decorators hide nothing the engine says about itself: an engine's own answer to a default SPI
 * method (its unavailability above all, which core polls to show a store UNAVAILABLE) reaches core through every
 * decorator a store stacks on it.
 */
class ForwardingEngineTest {

    @TempDir
    Path dir;

    @Test
    void everyDecoratorPassesTheEnginesUnavailabilityThrough() {
        ScriptedBackend backend = new ScriptedBackend();
        StorageEngine engine = backend.open(new EngineConfig("s", dir, Durability.NONE, Map.of()));
        try {
            backend.unavailableReason = "server 127.0.0.1:5432 is not reachable";
            for (StorageEngine decorated : List.of(new CachedEngine(engine, 1 << 20),
                    new MeasuredEngine(engine, new StoreMeter()), new ReadOnlyEngine("s", engine),
                    new MeasuredEngine(new CachedEngine(new ReadOnlyEngine("s", engine), 1 << 20),
                            new StoreMeter()))) {
                assertEquals("server 127.0.0.1:5432 is not reachable", decorated.unavailableReason(),
                        decorated.getClass().getSimpleName());
            }
            backend.unavailableReason = "";
            assertEquals("", new CachedEngine(engine, 1 << 20).unavailableReason());
        } finally {
            engine.close();
        }
    }

    @Test
    void aReadOnlyStoreRefusesWritesAndHousekeepingButReads() {
        ScriptedBackend backend = new ScriptedBackend();
        StorageEngine engine = backend.open(new EngineConfig("s", dir, Durability.NONE, Map.of()));
        try {
            ReadOnlyEngine frozen = new ReadOnlyEngine("s", engine);
            assertThrows(ReadOnlyException.class, () -> frozen.begin(TransactionMode.READ_WRITE));
            assertThrows(ReadOnlyException.class, frozen::checkpoint);
            assertThrows(ReadOnlyException.class, frozen::compact);
            assertTrue(frozen.isReadOnly());
            frozen.begin(TransactionMode.READ_ONLY).close();
        } finally {
            engine.close();
        }
    }
}
