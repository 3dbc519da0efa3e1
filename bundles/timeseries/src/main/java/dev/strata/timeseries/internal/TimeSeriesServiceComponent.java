package dev.strata.timeseries.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.api.timeseries.TimeSeriesService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link TimeSeriesService}: a {@link StoreTimeSeries} over any store, plus a background retention pass over
 * every online store at a configured interval.
 */
@Component(service = TimeSeriesService.class, configurationPid = TimeSeriesServiceComponent.PID, immediate = true)
@Designate(ocd = RetentionConfiguration.class)
public final class TimeSeriesServiceComponent implements TimeSeriesService {

    static final String PID = "dev.strata.timeseries";

    private final Clock clock = Clock.systemUTC();
    @Reference
    private StorageService storage;
    @Reference(service = LoggerFactory.class)
    private Logger log;
    private ScheduledExecutorService retention;

    @Activate
    void activate(RetentionConfiguration config) {
        configure(config);
    }

    @Modified
    void modified(RetentionConfiguration config) {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        configure(null);
    }

    private synchronized void configure(RetentionConfiguration config) {
        if (retention != null) {
            retention.shutdownNow();
            retention = null;
        }
        if (config == null || config.retentionIntervalSeconds() <= 0) {
            return;
        }
        long interval = config.retentionIntervalSeconds();
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "strata-timeseries-retention");
            thread.setDaemon(true);
            return thread;
        });
        retention.scheduleWithFixedDelay(this::retainAll, interval, interval, TimeUnit.SECONDS);
    }

    private void retainAll() {
        for (StoreInfo info : storage.stores()) {
            if (info.status() != StoreStatus.ONLINE) {
                continue;
            }
            try {
                var result = forStore(info.name()).applyRetention();
                if (result.rawChunks() + result.rollupChunks() > 0) {
                    log.info("time series retention on store '{}': dropped {} raw and {} rollup chunks", info.name(),
                            result.rawChunks(), result.rollupChunks());
                }
            } catch (StorageException e) {
                log.warn("time series retention on store '{}' failed: {}", info.name(), e.getMessage());
            }
        }
    }

    @Override
    public TimeSeries forStore(Store store) {
        if (store == null) {
            throw new InvalidArgumentException("store must not be null");
        }
        return new StoreTimeSeries(store, clock);
    }

    @Override
    public TimeSeries forStore(String storeName) {
        if (storeName == null || storeName.isBlank()) {
            throw new InvalidArgumentException("store name must not be empty");
        }
        Store store = storage.findStore(storeName).orElseThrow(() -> new NotFoundException("No store named '"
                + storeName + "'"));
        return forStore(store);
    }
}
