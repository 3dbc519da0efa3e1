package dev.strata.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The entry point: every store defined in the runtime (online or not) and every installed backend.
 * Stores are defined by configuration (factory PID {@code dev.strata.store}), not through this service.
 */
@ProviderType
public interface StorageService {

    /** Every defined store, sorted by name, including those whose backend is missing. */
    List<StoreInfo> stores();

    /**
     * The named store. It may be unavailable: its operations then throw {@link StoreUnavailableException} until its
     * backend returns.
     *
     * @throws NotFoundException when no store has that name
     */
    Store store(String name);

    /** The named store, or empty when none is defined. */
    Optional<Store> findStore(String name);

    /** Every installed backend, sorted by type. */
    List<BackendInfo> backends();
}
