package dev.strata.management.internal.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Reads every store's metrics once a second and keeps their history in the runtime ({@link StoreHistory}), so that
 * a console or the CLI sees a past the moment it connects. A store that is unavailable for a moment gets no sample
 * for it (its charts show a gap, not a zero). Costs one {@code metrics()} call per store per second.
 */
@Component(immediate = true, service = MetricsHistory.class)
public final class MetricsHistory {

    private final StorageService storage;
    private final Map<String, StoreHistory> histories = new ConcurrentHashMap<>();
    private final Map<String, Sampler> samplers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "strata-metrics-history");
        thread.setDaemon(true);
        return thread;
    });

    private final Logger log;

    @Activate
    public MetricsHistory(@Reference StorageService storage, @Reference(service = LoggerFactory.class) Logger log) {
        this.storage = storage;
        this.log = log;
        timer.scheduleAtFixedRate(this::sampleAll, 0, 1, TimeUnit.SECONDS);
    }

    /** The store's history, or empty for a store never seen. */
    public Optional<StoreHistory> of(String store) {
        return Optional.ofNullable(histories.get(store));
    }

    void sampleAll() {
        try {
            for (StoreInfo info : storage.stores()) {
                Sampler sampler = samplers.computeIfAbsent(info.name(), name -> new Sampler());
                StoreHistory history = histories.computeIfAbsent(info.name(), name -> new StoreHistory());
                // an OPENING store has no engine yet, and asking would hold the sampler until it opens
                if (info.status() == StoreStatus.UNAVAILABLE || info.status() == StoreStatus.OPENING) {
                    sampler.reset();
                    continue;
                }
                try {
                    var metrics = storage.store(info.name()).metrics();
                    history.add(metrics.takenAt(), sampler.sample(metrics));
                } catch (StorageException e) {
                    sampler.reset(); // it went away between the list and the reading
                }
            }
            var defined = storage.stores().stream().map(StoreInfo::name).toList();
            histories.keySet().retainAll(defined);
            samplers.keySet().retainAll(defined);
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: one bad second must not end the history
            log.warn("metrics history: a sample was skipped: {}", e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
