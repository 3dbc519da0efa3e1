package dev.strata.management.internal.health;

import dev.strata.api.management.StoreHealth;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Every store's health as one Apache Felix Health Check with one result entry per store, tagged {@code strata} and
 * {@code store}: {@code hc:exec strata} at the shell, or the HC executor service, runs it. A DOWN store makes the
 * result CRITICAL, a DEGRADED one WARN; the entries say which store and why.
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=Strata stores",
        HealthCheck.TAGS + "=strata",
        HealthCheck.TAGS + "=store"})
public final class StoresHealthCheck implements HealthCheck {

    private final StoreHealthMonitor monitor;

    @Activate
    public StoresHealthCheck(@Reference StoreHealthMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        var verdicts = monitor.all();
        if (verdicts.isEmpty()) {
            log.info("No stores are defined");
        }
        for (HealthVerdict verdict : verdicts) {
            String line = "store '" + verdict.store() + "': " + verdict.health()
                    + (verdict.reason().isEmpty() ? "" : ": " + verdict.reason());
            if (verdict.health() == StoreHealth.DOWN) {
                log.critical("{}", line);
            } else if (verdict.health() == StoreHealth.DEGRADED) {
                log.warn("{}", line);
            } else {
                log.info("{}", line);
            }
        }
        return new Result(log);
    }
}
