package org.example.strata.sortedfile.internal;

import java.util.EnumSet;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.spi.StrataBackend;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

import org.osgi.service.component.annotations.Component;

/**
 * The backend service, registered with the service property {@code strata.backend=example}: a store whose
 * configuration says {@code backend="example"} is opened here as soon as this bundle is active.
 * <p>
 * The component holds no state: everything belongs to the engines it opens, which core closes when the store is
 * removed or this service goes away.
 */
@Component(service = StorageBackend.class)
@StrataBackend(SortedFileBackend.TYPE)
public final class SortedFileBackend implements StorageBackend {

    /** The backend type stores refer to in their {@code backend} setting. */
    public static final String TYPE = "example";

    /**
     * Declared honestly, so that core and the console adapt: data persists, transactions are snapshot-isolated or
     * (validating their reads) serializable, every durability level is honoured, and there is no encryption,
     * compression, native TTL or native snapshot (core layers TTL on top and backs the store up through a read-only
     * transaction). There is no cache, so its hit and miss counts are declared untracked (-1).
     */
    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.of(IsolationLevel.SNAPSHOT, IsolationLevel.SERIALIZABLE), EnumSet.allOf(Durability.class),
            true, false, false, false, false,
            java.util.Set.of(BackendCapabilities.CACHE_HITS, BackendCapabilities.CACHE_MISSES));

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        return SortedFileEngine.open(config);
    }
}
