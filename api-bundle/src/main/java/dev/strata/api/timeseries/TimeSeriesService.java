package dev.strata.api.timeseries;

import dev.strata.api.Store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands out the time series of a store. Registered by the time-series bundle; works on every engine because it
 * uses only the {@link Store} API.
 */
@ProviderType
public interface TimeSeriesService {

    /** The time series of the store. */
    TimeSeries forStore(Store store);

    /**
     * The time series of the named store.
     *
     * @throws dev.strata.api.NotFoundException when no store has that name
     */
    TimeSeries forStore(String storeName);
}
