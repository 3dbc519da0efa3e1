package dev.strata.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.strata.api.BackendInfo;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.cache.CachedEngine;
import dev.strata.core.internal.metrics.MeasuredEngine;
import dev.strata.core.internal.metrics.StoreMeter;

/**
 * Opens a store's engine on its backend and stacks core's decorators on it, innermost first: read-only guard (for
 * {@code read.only}), read cache (for {@code read.cache.size}), metering (unless {@code metrics = off}).
 */
final class StoreEngines {

    private StoreEngines() {
    }

    static OpenEngine open(StoreDefinition definition, Path directory, StorageBackend backend, BackendInfo info,
            Clock clock, RecordSettings recordSettings, StoreMeter meter, ChangeFeed changes, Runnable onUnavailable)
            throws IOException {
        if (!info.capabilities().supports(definition.durability())) {
            throw new InvalidArgumentException("backend '" + info.type() + "' does not support durability "
                    + definition.durability().name().toLowerCase(java.util.Locale.ROOT));
        }
        Files.createDirectories(directory);
        StorageEngine engine = backend.open(new EngineConfig(definition.name(), directory,
                definition.durability(), definition.engineProperties()));
        ValueRecords records;
        try {
            records = StoreFormat.settle(definition.name(), engine, clock, recordSettings.defaultTtlMillis());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        StorageEngine guarded = definition.readOnly() ? new ReadOnlyEngine(definition.name(), engine) : engine;
        StorageEngine served = recordSettings.readCacheBytes() > 0
                ? new CachedEngine(guarded, recordSettings.readCacheBytes()) : guarded;
        // metrics = "off": no metering decorator (its cost measured by benchmarks' MetricsCostBenchmark)
        boolean metered = !"off".equals(String.valueOf(definition.properties().get(ManagedStore.METRICS)).trim());
        return new OpenEngine(definition.name(), metered ? new MeasuredEngine(served, meter) : served, info,
                records, changes, onUnavailable);
    }
}
