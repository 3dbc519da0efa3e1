package dev.strata.core.internal;

import dev.strata.api.StoreMetrics;
import dev.strata.api.spi.EngineMetrics;

/** The engine's figures as the client API shows them. */
final class StoreFigures {

    private StoreFigures() {
    }

    static StoreMetrics of(EngineMetrics engine) {
        return new StoreMetrics(engine.keys(), engine.memoryBytes(), engine.diskBytes(), engine.walBytes(),
                engine.cacheHits(), engine.cacheMisses(), engine.compactionState(), engine.extra(),
                System.currentTimeMillis());
    }
}
