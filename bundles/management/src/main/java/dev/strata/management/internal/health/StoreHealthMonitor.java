package dev.strata.management.internal.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.StoreHealth;
import dev.strata.management.internal.metrics.Figure;
import dev.strata.management.internal.metrics.MetricsHistory;
import dev.strata.management.internal.metrics.StoreHistory;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gathers what {@link HealthEvaluator} needs for a store (its status and figures from the storage service, its
 * thresholds from its configuration, the free space of its data directory's volume, the last minute of its metrics
 * history) and asks it. Used by the store beans, {@code strata:health} and the Felix health check.
 */
@Component(service = StoreHealthMonitor.class)
public final class StoreHealthMonitor {

    /** The framework property core reads its data root from (StorageServiceComponent.DATA_PROPERTY). */
    static final String DATA_PROPERTY = "strata.data";
    private static final int MINUTE_SECONDS = 60;

    private final StorageService storage;
    private final MetricsHistory history;
    private final ConfigurationAdmin configs;
    private final Path dataRoot;

    @Activate
    public StoreHealthMonitor(@Reference StorageService storage, @Reference MetricsHistory history,
            @Reference ConfigurationAdmin configs, BundleContext context) {
        this.storage = storage;
        this.history = history;
        this.configs = configs;
        String configured = context.getProperty(DATA_PROPERTY);
        this.dataRoot = Path.of(configured != null ? configured : System.getProperty("user.dir") + "/data");
    }

    /** Every defined store's health, by name. */
    public List<HealthVerdict> all() {
        List<HealthVerdict> verdicts = new ArrayList<>();
        for (StoreInfo info : storage.stores()) {
            verdicts.add(of(storage.store(info.name())));
        }
        verdicts.sort(Comparator.comparing(HealthVerdict::store));
        return verdicts;
    }

    /** @throws dev.strata.api.NotFoundException when no store has the name */
    public HealthVerdict of(String store) {
        return of(storage.store(store));
    }

    public HealthVerdict of(Store store) {
        StoreInfo info = store.info();
        StoreMetrics metrics = null;
        // a store that does not serve is DOWN whatever its figures; reading them could wait on an absent server
        if (info.status() == StoreStatus.ONLINE || info.status() == StoreStatus.READ_ONLY) {
            try {
                metrics = store.metrics();
            } catch (StorageException e) {
                metrics = null;
            }
        }
        HealthSettings settings;
        String settingsProblem = null;
        try {
            settings = HealthSettings.from(info.name(), settings(info.name()));
        } catch (InvalidArgumentException e) {
            settings = HealthSettings.DEFAULTS;
            settingsProblem = e.getMessage() + " (the defaults apply)";
        }
        long[] disk = disk(dataRoot.resolve(info.name()));
        long now = System.currentTimeMillis();
        StoreHistory past = history.of(info.name()).orElse(null);
        HealthVerdict verdict = HealthEvaluator.evaluate(new HealthInputs(info, metrics, settings, disk[0], disk[1],
                past == null ? Double.NaN : mean(past.series(Figure.ERRORS_PER_SECOND, MINUTE_SECONDS, now)),
                past == null ? Double.NaN : max(past.series(Figure.GET_P99, MINUTE_SECONDS, now)),
                past == null ? Double.NaN : max(past.series(Figure.COMMIT_P99, MINUTE_SECONDS, now))));
        if (settingsProblem != null && verdict.health() != StoreHealth.DOWN) {
            String reason = verdict.reason().isEmpty() ? settingsProblem : verdict.reason() + "; " + settingsProblem;
            return new HealthVerdict(verdict.store(), StoreHealth.DEGRADED, reason);
        }
        return verdict;
    }

    private Map<String, Object> settings(String store) {
        Map<String, Object> settings = new HashMap<>();
        try {
            Configuration[] found = configs.listConfigurations("(&(service.factoryPid=dev.strata.store)(name="
                    + store + "))");
            if (found != null && found.length > 0 && found[0].getProperties() != null) {
                Dictionary<String, Object> properties = found[0].getProperties();
                for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
                    String key = keys.nextElement();
                    settings.put(key, properties.get(key));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            // no configuration to read: the defaults apply
        }
        return settings;
    }

    /** Usable and total bytes of the volume holding the directory (or its nearest existing parent). */
    static long[] disk(Path directory) {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return new long[] {-1, -1};
        }
        try {
            FileStore volume = Files.getFileStore(existing);
            return new long[] {volume.getUsableSpace(), volume.getTotalSpace()};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    private static double mean(HistorySeries series) {
        double sum = 0;
        int count = 0;
        for (double value : series.getValues()) {
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double max(HistorySeries series) {
        double max = Double.NaN;
        for (double value : series.getValues()) {
            if (!Double.isNaN(value) && (Double.isNaN(max) || value > max)) {
                max = value;
            }
        }
        return max;
    }
}
