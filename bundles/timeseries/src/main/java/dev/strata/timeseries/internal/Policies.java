package dev.strata.timeseries.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyValueOperations;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.api.timeseries.TimeSeriesCorruptionException;

/**
 * Metric policies as readable text in the store: {@code raw=604800000;rollups=60000:2592000000,3600000:0}
 * (milliseconds; 0 is forever).
 */
final class Policies {

    private Policies() {
    }

    static void put(KeyValueOperations writes, String metric, MetricPolicy policy) {
        if (!TimeSeries.ALL_METRICS.equals(metric)) {
            SeriesNames.checkMetric(metric);
        }
        if (policy == null) {
            throw new InvalidArgumentException("policy must not be null");
        }
        writes.put(KeyLayout.policyKey(metric), encode(policy).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<MetricPolicy> own(ReadOperations reads, String metric) {
        String key = KeyLayout.policyKey(metric);
        return reads.get(key).map(bytes -> decode(new String(bytes, StandardCharsets.UTF_8), key));
    }

    static MetricPolicy effective(ReadOperations reads, String metric) {
        return own(reads, metric).or(() -> own(reads, TimeSeries.ALL_METRICS)).orElse(MetricPolicy.KEEP_FOREVER);
    }

    /** Every stored policy by metric name ({@value TimeSeries#ALL_METRICS} for the store default). */
    static Map<String, MetricPolicy> all(ReadOperations reads) {
        Map<String, MetricPolicy> policies = new LinkedHashMap<>();
        try (EntryCursor cursor = reads.scan(Scan.prefix(KeyLayout.POLICIES))) {
            cursor.forEachRemaining(entry -> policies.put(entry.key().substring(KeyLayout.POLICIES.length()),
                    decode(new String(entry.value(), StandardCharsets.UTF_8), entry.key())));
        }
        return policies;
    }

    static String encode(MetricPolicy policy) {
        StringBuilder text = new StringBuilder("raw=").append(policy.rawRetention().toMillis()).append(";rollups=");
        for (int i = 0; i < policy.rollups().size(); i++) {
            Rollup rollup = policy.rollups().get(i);
            text.append(i == 0 ? "" : ",").append(rollup.width().toMillis()).append(':')
                    .append(rollup.retention().toMillis());
        }
        return text.toString();
    }

    static MetricPolicy decode(String text, String key) {
        try {
            String[] parts = text.split(";", -1);
            if (parts.length != 2 || !parts[0].startsWith("raw=") || !parts[1].startsWith("rollups=")) {
                throw new IllegalArgumentException("expected raw=...;rollups=...");
            }
            Duration raw = Duration.ofMillis(Long.parseLong(parts[0].substring(4)));
            List<Rollup> rollups = new ArrayList<>();
            String list = parts[1].substring("rollups=".length());
            if (!list.isEmpty()) {
                for (String item : list.split(",")) {
                    String[] pair = item.split(":");
                    rollups.add(new Rollup(Duration.ofMillis(Long.parseLong(pair[0])),
                            Duration.ofMillis(Long.parseLong(pair[1]))));
                }
            }
            return new MetricPolicy(raw, rollups);
        } catch (RuntimeException e) {
            throw new TimeSeriesCorruptionException("policy '" + text + "' cannot be read: " + e.getMessage(), key, e);
        }
    }
}
