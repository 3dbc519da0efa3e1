package dev.strata.backend.memory;

import java.util.EnumSet;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.StrataBackend;
import dev.strata.backend.memory.internal.MemoryEngine;
import dev.strata.backend.memory.internal.MemorySettings;

import org.osgi.service.component.annotations.Component;

/**
 * The in-memory reference backend ({@code strata.backend=memory}): an ordered, multi-version, snapshot-isolated
 * engine that keeps everything on the heap and nothing on disk. Store settings: {@code memory.limit},
 * {@code memory.policy} ({@code refuse} | {@code evict-lru}) and {@code compression} ({@code none} |
 * {@code deflate}); see the module README.
 */
@Component(service = StorageBackend.class, immediate = true)
@StrataBackend(MemoryBackend.TYPE)
public class MemoryBackend implements StorageBackend {

    /** The backend type stores name in their {@code backend} setting. */
    public static final String TYPE = "memory";

    // Every durability level is accepted because none of them promises more than "survives what the process
    // survives" for data that is never written anywhere: persistent=false tells callers the rest.
    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.of(IsolationLevel.SNAPSHOT), EnumSet.allOf(Durability.class),
            false, false, true, false, false);

    /** Creates the backend; DS calls this, and tests may too. */
    public MemoryBackend() {
        // stateless: every engine carries its own settings
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        return new MemoryEngine(config.storeName(), MemorySettings.from(config));
    }
}
