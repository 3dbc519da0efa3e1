package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;

/**
 * Capabilities are coherent; metrics are exact where tracked and {@code -1} exactly where the capabilities say a
 * figure is not tracked; close is idempotent, and a closed engine (and every transaction it left open) refuses
 * work with {@link StoreUnavailableException} and applies nothing.
 */
public interface LifecycleContract extends EngineContract {

    @Test
    default void capabilitiesDeclareSnapshotIsolation() {
        assertTrue(fixture().backend().capabilities().supports(IsolationLevel.SNAPSHOT));
    }

    @Test
    default void metricsAreExactWhereTrackedAndMinusOneOnlyWhereDeclaredUntracked() {
        for (int i = 0; i < 50; i++) {
            put("m" + i, "value " + i);
        }
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            for (int i = 0; i < 10; i++) {
                tx.delete(bytes("m" + i));
            }
            tx.put(bytes("m20"), bytes("overwritten"));
            tx.commit();
        }
        engine().checkpoint();
        get("m20");
        get("absent");
        BackendCapabilities capabilities = fixture().backend().capabilities();
        EngineMetrics metrics = engine().metrics();
        Map<String, Long> figures = Map.of(BackendCapabilities.KEYS, metrics.keys(),
                BackendCapabilities.MEMORY_BYTES, metrics.memoryBytes(), BackendCapabilities.DISK_BYTES,
                metrics.diskBytes(), BackendCapabilities.WAL_BYTES, metrics.walBytes(),
                BackendCapabilities.CACHE_HITS, metrics.cacheHits(), BackendCapabilities.CACHE_MISSES,
                metrics.cacheMisses());
        figures.forEach((figure, value) -> {
            if (capabilities.tracks(figure)) {
                assertTrue(value >= 0, figure + " is tracked (the capabilities do not declare it untracked) but is "
                        + value);
            } else {
                assertEquals(-1, value, figure + " is declared untracked, so it must read -1");
            }
        });
        if (capabilities.tracks(BackendCapabilities.KEYS)) {
            assertEquals(40, metrics.keys(), "keys after 50 puts and 10 deletes");
        }
        if (capabilities.persistent() && capabilities.tracks(BackendCapabilities.DISK_BYTES)) {
            assertTrue(metrics.diskBytes() > 0, "a persistent store holding data after a checkpoint uses disk: "
                    + metrics.diskBytes());
        }
    }

    @Test
    default void verifyOfHealthyDataFindsNoProblem() {
        put("a", "1");
        assertTrue(engine().verify().isHealthy());
    }

    @Test
    default void closeTwiceIsHarmless() {
        put("a", "1");
        engine().close();
        engine().close();
    }

    @Test
    default void aClosedEngineRefusesNewTransactions() {
        put("a", "1");
        StorageEngine engine = engine();
        engine.close();
        assertThrows(StoreUnavailableException.class, () -> engine.begin(TransactionMode.READ_ONLY),
                "begin (read-only) on a closed engine");
        assertThrows(StoreUnavailableException.class, () -> engine.begin(TransactionMode.READ_WRITE),
                "begin (read-write) on a closed engine");
    }

    @Test
    default void transactionsLeftOpenByCloseRefuseWorkAndNeverCommit() {
        put("a", "1");
        StorageEngine engine = engine();
        EngineTransaction writer = engine.begin(TransactionMode.READ_WRITE);
        EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY);
        writer.put(bytes("late"), bytes("written before close"));
        EngineCursor cursor = reader.cursor(KeyRange.ALL, false);
        engine.close();
        assertThrows(StoreUnavailableException.class, () -> writer.put(bytes("later"), bytes("x")),
                "put in a transaction its engine's close left open");
        assertThrows(StoreUnavailableException.class, writer::commit,
                "commit of a transaction its engine's close left open");
        assertThrows(StoreUnavailableException.class, () -> reader.get(bytes("a")),
                "get in a read-only transaction its engine's close left open");
        assertThrows(StoreUnavailableException.class, cursor::next, "a cursor of a transaction its engine's close "
                + "left open");
        writer.close();
        reader.close();
        if (fixture().persistent()) {
            fixture().reopen();
            assertNull(get("late"), "a transaction left open by close was applied after all");
            assertEquals("1", get("a"));
        }
    }
}
