package org.example.strata.sortedfile.internal;

import java.util.EnumSet;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.spi.BackendType;
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
@Component(service = StorageBackend.class,
        // api-bundle 0.1.0's @BackendType is a single-element component property type, so DS names its property
        // after the annotation: "strata.backend.type". Core looks backends up by StorageBackend.TYPE_PROPERTY
        // ("strata.backend"), so the property is also set here by that name; BackendTypePropertyTest guards it.
        property = StorageBackend.TYPE_PROPERTY + "=" + SortedFileBackend.TYPE)
@BackendType(SortedFileBackend.TYPE)
public final class SortedFileBackend implements StorageBackend {

    /** The backend type stores refer to in their {@code backend} setting. */
    public static final String TYPE = "example";

    /**
     * Declared honestly, so that core and the console adapt: data persists, reads are snapshot-isolated, every
     * durability level is honoured, and there is no encryption, compression, native TTL or native snapshot (core
     * layers TTL on top and backs the store up through a read-only transaction).
     */
    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.of(IsolationLevel.SNAPSHOT), EnumSet.allOf(Durability.class),
            true, false, false, false, false);

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        return SortedFileEngine.open(config);
    }
}
