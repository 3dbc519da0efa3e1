package dev.strata.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmh.results.RunResult;

/**
 * A Markdown table of targets (rows, the {@code target} parameter) by operations (benchmark methods): the median
 * rate per second of each, and its ratio to one or more baseline targets measured in the same run. A target that
 * was expected but has no result (its benchmark failed: see the JMH log above the table) shows a dash.
 */
final class RateTable {

    /**
     * A target the others are divided by.
     *
     * @param target     the baseline's {@code target} parameter value
     * @param operations the operations the ratio is shown for; none means all
     */
    record Baseline(String target, Set<String> operations) {
        Baseline(String target, String... operations) {
            this(target, Set.of(operations));
        }

        boolean appliesTo(String operation) {
            return operations.isEmpty() || operations.contains(operation);
        }
    }

    private RateTable() {
    }

    /**
     * @param unit         what one operation is, for the column headers (e.g. {@code entries/s})
     * @param expectedRows targets to list even without a result, in this order (others follow as they come)
     */
    static String render(Collection<RunResult> results, String unit, List<String> expectedRows,
            List<Baseline> baselines) {
        Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
        expectedRows.forEach(row -> rates.put(row, new LinkedHashMap<>()));
        List<String> operations = new ArrayList<>();
        for (RunResult result : results) {
            String operation = Medians.operation(result);
            String target = result.getParams().getParam("target");
            rates.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(operation, Medians.perSecond(result));
            if (!operations.contains(operation)) {
                operations.add(operation);
            }
        }
        StringBuilder header = new StringBuilder("| target |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String op : operations) {
            header.append(' ').append(op).append(" (").append(unit).append(") |");
            rule.append("---:|");
            for (Baseline baseline : baselines) {
                if (baseline.appliesTo(op)) {
                    header.append(" vs ").append(baseline.target()).append(" |");
                    rule.append("---:|");
                }
            }
        }
        StringBuilder table = new StringBuilder().append(header).append('\n').append(rule).append('\n');
        for (Map.Entry<String, Map<String, Double>> row : rates.entrySet()) {
            table.append("| ").append(row.getKey()).append(" |");
            for (String op : operations) {
                Double rate = row.getValue().get(op);
                table.append(' ').append(rate == null ? "-" : String.format(Locale.ROOT, "%,.0f", rate)).append(" |");
                for (Baseline baseline : baselines) {
                    if (baseline.appliesTo(op)) {
                        Double base = rates.getOrDefault(baseline.target(), Map.of()).get(op);
                        table.append(' ').append(ratio(rate, base)).append(" |");
                    }
                }
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** {@code rate / base} as {@code 1.23x}, or a dash when either is missing. */
    static String ratio(Double rate, Double base) {
        return rate == null || base == null ? "-" : String.format(Locale.ROOT, "%.2fx", rate / base);
    }
}
