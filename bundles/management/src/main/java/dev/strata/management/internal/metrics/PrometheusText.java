package dev.strata.management.internal.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.strata.api.OperationStats;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;

/**
 * Store figures in the Prometheus text exposition format (version 0.0.4): counters as {@code _total}, sizes in
 * bytes, latencies in seconds, one {@code store} label per series (and {@code operation} / {@code type} where they
 * apply). A store that is not online exports only {@code strata_store_up 0}.
 */
final class PrometheusText {

    private final StringBuilder out = new StringBuilder();

    static String of(List<StoreInfo> stores, Map<String, StoreMetrics> metrics) {
        PrometheusText text = new PrometheusText();
        text.header("strata_store_up", "gauge", "1 when the store is open (online or read-only), 0 when unavailable");
        for (StoreInfo info : stores) {
            text.sample("strata_store_up", labels(info.name()), metrics.containsKey(info.name()) ? 1 : 0);
        }
        text.gauge("strata_store_keys", "live keys as the engine counts them", metrics, StoreMetrics::keys);
        text.gauge("strata_store_disk_bytes", "bytes of the store's files", metrics, StoreMetrics::diskBytes);
        text.gauge("strata_store_wal_bytes", "bytes of write-ahead log not yet checkpointed", metrics, StoreMetrics::walBytes);
        text.gauge("strata_store_memory_bytes", "heap the engine holds for data", metrics, StoreMetrics::memoryBytes);
        text.counter("strata_store_cache_hits_total", "reads served by the engine's cache", metrics, StoreMetrics::cacheHits);
        text.counter("strata_store_cache_misses_total", "reads past the engine's cache", metrics, StoreMetrics::cacheMisses);
        text.counter("strata_store_conflicts_total", "commits refused for a conflict", metrics, StoreMetrics::conflicts);
        text.header("strata_store_operations_total", "counter", "operations by kind");
        metrics.forEach((store, m) -> m.operations().forEach((op, stats) ->
                text.sample("strata_store_operations_total", labels(store, "operation", op), stats.count())));
        text.header("strata_store_errors_total", "counter", "failed operations by error type");
        metrics.forEach((store, m) -> m.errors().forEach((type, count) ->
                text.sample("strata_store_errors_total", labels(store, "type", type), count)));
        text.header("strata_store_latency_seconds", "gauge", "latency percentiles over the last interval");
        metrics.forEach((store, m) -> m.operations().forEach((op, stats) -> text.latencies(store, op, stats)));
        return text.out.toString();
    }

    private void latencies(String store, String op, OperationStats stats) {
        double[][] quantiles = {{0.5, stats.p50Micros()}, {0.95, stats.p95Micros()}, {0.99, stats.p99Micros()},
                {1.0, stats.maxMicros()}};
        for (double[] q : quantiles) {
            if (!Double.isNaN(q[1])) {
                sample("strata_store_latency_seconds", labels(store, "operation", op).replace("}",
                        ",quantile=\"" + q[0] + "\"}"), q[1] / 1e6);
            }
        }
    }

    private interface Figure {
        long of(StoreMetrics metrics);
    }

    private void gauge(String name, String help, Map<String, StoreMetrics> metrics, Figure figure) {
        series(name, "gauge", help, metrics, figure);
    }

    private void counter(String name, String help, Map<String, StoreMetrics> metrics, Figure figure) {
        series(name, "counter", help, metrics, figure);
    }

    private void series(String name, String type, String help, Map<String, StoreMetrics> metrics, Figure figure) {
        header(name, type, help);
        metrics.forEach((store, m) -> {
            long value = figure.of(m);
            if (value >= 0) { // -1: the engine does not track it, so there is no series
                sample(name, labels(store), value);
            }
        });
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(format(value)).append('\n');
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.9g", value);
    }

    private static String labels(String store, String... more) {
        StringBuilder text = new StringBuilder("{store=\"").append(escape(store)).append('"');
        for (int i = 0; i < more.length; i += 2) {
            text.append(',').append(more[i]).append("=\"").append(escape(more[i + 1])).append('"');
        }
        return text.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
