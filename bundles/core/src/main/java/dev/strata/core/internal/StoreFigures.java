package dev.strata.core.internal;

import dev.strata.api.StoreMetrics;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.core.internal.metrics.StoreMeter;

/** The engine's figures and core's measurements, as the client API shows them. */
final class StoreFigures {

    private StoreFigures() {
    }

    static StoreMetrics of(EngineMetrics engine, StoreMeter meter) {
        return new StoreMetrics(engine.keys(), engine.memoryBytes(), engine.diskBytes(), engine.walBytes(),
                engine.cacheHits(), engine.cacheMisses(), engine.compactionState(), engine.extra(),
                meter.operations(), meter.conflicts(), meter.errors(), System.currentTimeMillis());
    }
}
