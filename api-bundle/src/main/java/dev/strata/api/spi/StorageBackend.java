package dev.strata.api.spi;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.StorageException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage engine type, registered as an OSGi service with {@value #TYPE_PROPERTY}{@code =<type>}. Core calls
 * {@link #open} once per store of this type and closes the engine when the store is removed, when this service goes
 * away, or when the runtime stops.
 */
@ConsumerType
public interface StorageBackend {

    /** The service property that names the backend type. */
    String TYPE_PROPERTY = "strata.backend";

    /** What this backend can do. Constant for the service's lifetime. */
    BackendCapabilities capabilities();

    /**
     * Opens (creating when absent) the store described by the configuration.
     *
     * @throws dev.strata.api.InvalidArgumentException for a configuration the backend cannot honour
     * @throws dev.strata.api.CorruptionException      when the data cannot be read at all
     * @throws dev.strata.api.StoreUnavailableException for a passing reason (a service the engine needs, such as a
     *                                                 compression codec, is not there yet): core opens the store
     *                                                 again after a growing pause
     * @throws StorageException                        for any other failure; never a raw I/O exception
     */
    StorageEngine open(EngineConfig config);
}
