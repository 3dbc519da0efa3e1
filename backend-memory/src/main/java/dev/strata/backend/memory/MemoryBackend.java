package dev.strata.backend.memory;

import java.util.EnumSet;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
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

    // Only NONE: the data is never written anywhere, so "written to the OS" and "forced to disk" would be promises
    // this engine cannot keep. Serializable comes from read-set validation; read committed is served by snapshot
    // (core picks the weakest declared level that satisfies a request). No cache: its hit and miss counts are -1.
    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.of(IsolationLevel.SNAPSHOT, IsolationLevel.SERIALIZABLE), EnumSet.of(Durability.NONE),
            false, false, true, false, false,
            java.util.Set.of(BackendCapabilities.CACHE_HITS, BackendCapabilities.CACHE_MISSES));

    /** Creates the backend; DS calls this, and tests may too. */
    public MemoryBackend() {
        // stateless: every engine carries its own settings
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** @throws InvalidArgumentException for durability {@code os} or {@code fsync}, which memory cannot honour */
    @Override
    public StorageEngine open(EngineConfig config) {
        if (config.durability() != Durability.NONE) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': the memory backend keeps nothing "
                    + "on disk, so it cannot honour durability "
                    + config.durability().name().toLowerCase(java.util.Locale.ROOT) + "; configure durability=none");
        }
        return new MemoryEngine(config.storeName(), MemorySettings.from(config));
    }
}
