package dev.strata.api.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.api.IsolationLevel;
import dev.strata.api.spi.EngineMetrics;

import org.junit.jupiter.api.Test;

/** Capabilities are coherent, metrics are readable, and close is idempotent. */
public interface LifecycleContract extends EngineContract {

    @Test
    default void capabilitiesDeclareSnapshotIsolation() {
        assertTrue(fixture().backend().capabilities().supports(IsolationLevel.SNAPSHOT));
    }

    @Test
    default void metricsCountKeys() {
        put("a", "1");
        put("b", "2");
        EngineMetrics metrics = engine().metrics();
        assertTrue(metrics.keys() == -1 || metrics.keys() >= 2, "keys counts what was written, or is -1 when not tracked: " + metrics.keys());
        assertTrue(metrics.diskBytes() >= -1);
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
}
