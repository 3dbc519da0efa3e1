package dev.strata.management.internal.shell;

import java.util.List;

import dev.strata.api.StorageException;
import dev.strata.management.internal.health.HealthVerdict;
import dev.strata.management.internal.health.StoreHealthMonitor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code strata:health [store]}: each store's health and why, as the JMX beans and health checks report it. */
@Component(service = HealthCommand.class)
@GogoCommand(scope = "strata", function = "health")
public final class HealthCommand {

    private final StoreHealthMonitor monitor;

    @Activate
    public HealthCommand(@Reference StoreHealthMonitor monitor) {
        this.monitor = monitor;
    }

    /** {@code strata:health}: every store. */
    public String health() {
        List<HealthVerdict> verdicts = monitor.all();
        return verdicts.isEmpty() ? "No stores are defined." : table(verdicts);
    }

    /** {@code strata:health <store>}. */
    public String health(String store) {
        try {
            return table(List.of(monitor.of(store)));
        } catch (StorageException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String table(List<HealthVerdict> verdicts) {
        return TableFormatter.table(List.of("STORE", "HEALTH", "REASON"), verdicts.stream()
                .map(v -> List.of(v.store(), v.health().name(), v.reason())).toList());
    }
}
