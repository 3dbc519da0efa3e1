package dev.strata.core.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageService;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.StoreFallback;

/**
 * The fallback replays: offers {@link StoreFallback} (which the job service's replay job calls) and, every
 * {@value #TICK_MILLIS} ms, starts the replay of each store whose engine is back while its journal holds writes
 * ({@link ReplayLauncher}).
 */
@Component(service = StoreFallback.class, immediate = true)
public class FallbackReplayComponent implements StoreFallback {

    static final long TICK_MILLIS = 500;

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    @Reference
    private StorageService storage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobService jobs;

    private ScheduledExecutorService timer;
    private java.util.concurrent.ExecutorService replays;

    @Activate
    void activate() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.single("strata-fallback-replay"));
        StoreCatalog.Events events = new StoreCatalog.Events() {
            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void error(String message, Throwable cause) {
                logger.error(message, cause);
            }
        };
        replays = Executors.newCachedThreadPool(DaemonThreads.numbered("strata-fallback-replay"));
        ReplayLauncher launcher = new ReplayLauncher(events, replays);
        timer.scheduleWithFixedDelay(() -> {
            try {
                launcher.tick(managedStores(), Optional.ofNullable(jobs), System.currentTimeMillis());
            } catch (RuntimeException e) {
                logger.error("fallback replay check failed: {}", e.toString(), e);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        replays.shutdown(); // a replay running on it stops when its store's engine closes
    }

    @Override
    public long journalSize(String store) {
        ManagedStore managed = managed(store);
        return managed.fallback == null ? 0 : managed.fallback.journal().pending();
    }

    @Override
    public String replay(String store, Progress progress) {
        return FallbackSetup.replay(managed(store), progress);
    }

    private ManagedStore managed(String name) {
        return storage.findStore(name).map(ManagedStore.class::cast)
                .orElseThrow(() -> new NotFoundException("No store named '" + name + "'"));
    }

    private List<ManagedStore> managedStores() {
        return storage.stores().stream().map(StoreInfo::name).map(storage::findStore).flatMap(Optional::stream)
                .map(ManagedStore.class::cast).toList();
    }
}
