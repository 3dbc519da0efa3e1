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
import dev.strata.core.internal.metrics.StoreMeter;

/**
 * Opens a store's engine on its backend, once the backend is known to offer the store's durability, in the store's
 * directory; {@link OpenEngine#over} then settles its record format and stacks core's decorators on it.
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
        return OpenEngine.over(definition, engine, info, clock, recordSettings, meter, changes, onUnavailable);
    }
}
