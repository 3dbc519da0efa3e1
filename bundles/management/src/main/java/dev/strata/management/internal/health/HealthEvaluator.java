package dev.strata.management.internal.health;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.management.StoreHealth;

/**
 * The one place a store's health is decided, from its status, figures and thresholds. A store that does not serve
 * (backend missing, engine not open, engine unavailable, still opening) is {@link StoreHealth#DOWN} with its status
 * message. A serving store is {@link StoreHealth#DEGRADED} when any rule fires: read-only after a failure (the
 * engine's reason), disk nearly full, WAL past its threshold, error rate over the last minute, get or commit
 * latency, threads waiting for a database connection; the reason lists every rule that fired. Otherwise
 * {@link StoreHealth#HEALTHY}. Pure: JMX, the shell and the Felix health check all call it.
 */
public final class HealthEvaluator {

    private HealthEvaluator() {
    }

    public static HealthVerdict evaluate(HealthInputs in) {
        StoreInfo info = in.info();
        switch (info.status()) {
            case UNAVAILABLE, OPENING -> {
                return new HealthVerdict(info.name(), StoreHealth.DOWN,
                        info.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + info.message());
            }
            default -> {
            }
        }
        List<String> reasons = new ArrayList<>();
        if (info.status() == dev.strata.api.StoreStatus.READ_ONLY) {
            reasons.add("read-only: " + info.message());
        }
        if (info.status() == dev.strata.api.StoreStatus.FALLBACK) {
            reasons.add("on its fallback store: " + info.message()); // writes are kept, not served by its engine
        }
        HealthSettings settings = in.settings();
        if (in.diskUsableBytes() >= 0 && in.diskTotalBytes() > 0) {
            long threshold = settings.diskThreshold(in.diskTotalBytes());
            if (in.diskUsableBytes() < threshold) {
                reasons.add("disk nearly full: " + mib(in.diskUsableBytes()) + " MiB free of "
                        + mib(in.diskTotalBytes()) + " MiB (health.disk.min.free " + mib(threshold) + " MiB)");
            }
        }
        StoreMetrics metrics = in.metrics();
        if (metrics != null && settings.walMaxBytes() > 0 && metrics.walBytes() > settings.walMaxBytes()) {
            reasons.add("WAL " + mib(metrics.walBytes()) + " MiB past health.wal.max " + mib(settings.walMaxBytes())
                    + " MiB (checkpoints are not keeping up)");
        }
        if (settings.errorsPerSecondMax() > 0 && in.errorsPerSecond() > settings.errorsPerSecondMax()) {
            reasons.add(String.format(java.util.Locale.ROOT, "%.1f errors/s over the last minute (health.errors.max"
                    + " %.1f)", in.errorsPerSecond(), settings.errorsPerSecondMax()));
        }
        latency(reasons, "get", in.getP99Micros(), settings.latencyMaxMicros());
        latency(reasons, "commit", in.commitP99Micros(), settings.latencyMaxMicros());
        if (metrics != null) {
            Number waiting = metrics.extra().get("poolWaiting");
            if (waiting != null && waiting.longValue() > settings.poolWaitingMax()) {
                Number max = metrics.extra().get("poolMax");
                reasons.add("connection pool exhausted: " + waiting.longValue() + " thread(s) waiting for a connection"
                        + (max == null ? "" : " (pool of " + max + ")"));
            }
        }
        return reasons.isEmpty() ? new HealthVerdict(info.name(), StoreHealth.HEALTHY, "")
                : new HealthVerdict(info.name(), StoreHealth.DEGRADED, String.join("; ", reasons));
    }

    private static void latency(List<String> reasons, String kind, double p99Micros, double maxMicros) {
        if (maxMicros > 0 && p99Micros > maxMicros) {
            reasons.add(String.format(java.util.Locale.ROOT, "%s p99 %.0f ms over the last minute (health.latency.max"
                    + " %.0f ms)", kind, p99Micros / 1000, maxMicros / 1000));
        }
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
