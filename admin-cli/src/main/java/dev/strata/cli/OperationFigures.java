package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import dev.strata.api.OperationStats;

/**
 * A store's figures per kind of operation, as {@code metrics} prints them: counts since the store opened, the rate
 * over the last interval (from two readings' counts, so only with {@code --watch}), and the latency percentiles the
 * runtime measured over its last interval.
 */
final class OperationFigures {

    private OperationFigures() {
    }

    /** Per kind, in name order: count, failed, perSecond (with a previous reading), p50/p95/p99/max micros. */
    static Map<String, Map<String, Object>> of(Map<String, OperationStats> before, Map<String, OperationStats> now,
            double seconds) {
        Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();
        new TreeMap<>(now).forEach((kind, stats) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("count", stats.count());
            figures.put("failed", stats.errors());
            OperationStats earlier = before == null ? null : before.get(kind);
            if (before != null && seconds > 0) {
                long done = stats.count() - (earlier == null ? 0 : earlier.count());
                figures.put("perSecond", done < 0 ? Double.NaN : done / seconds); // negative: the store reopened
            }
            figures.put("p50Micros", stats.p50Micros());
            figures.put("p95Micros", stats.p95Micros());
            figures.put("p99Micros", stats.p99Micros());
            figures.put("maxMicros", stats.maxMicros());
            kinds.put(kind, figures);
        });
        return kinds;
    }

    /** One kind's figures on one line for a person: {@code 200 (0 failed), 12.0/s; p50 14 us ... max 90 us}. */
    static String line(Map<String, Object> f) {
        StringBuilder line = new StringBuilder().append(f.get("count")).append(" (").append(f.get("failed"))
                .append(" failed)");
        if (f.containsKey("perSecond")) {
            line.append(", ").append(number((Double) f.get("perSecond"))).append("/s");
        }
        line.append("; p50 ").append(micros(f.get("p50Micros"))).append(", p95 ").append(micros(f.get("p95Micros")))
                .append(", p99 ").append(micros(f.get("p99Micros"))).append(", max ").append(micros(f.get("maxMicros")));
        return line.toString();
    }

    /** {@code none}, or {@code Type count, ...} in name order. */
    static String errorsLine(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        StringJoiner line = new StringJoiner(", ");
        new TreeMap<>(errors).forEach((type, count) -> line.add(type + " " + count));
        return line.toString();
    }

    private static String micros(Object value) {
        double d = (Double) value;
        return Double.isNaN(d) ? "-" : number(d) + " us";
    }

    private static String number(double d) {
        return Double.isNaN(d) ? "-" : String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
