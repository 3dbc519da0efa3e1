package dev.strata.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;

/**
 * The table of a benchmark whose groups each measure two methods at the same time: per group, both medians and
 * the median of the per-iteration ratio subject/baseline (with its range), and, where a goal is set, whether the
 * ratio reaches it.
 */
final class PairedRatios {

    /** @param goal the least subject/baseline ratio that meets the group's goal; NaN when it has none */
    record Pair(String group, String subject, String baseline, double goal) {
    }

    private PairedRatios() {
    }

    static String render(Collection<RunResult> results, List<Pair> pairs, String unit) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| group | subject (%s) | baseline (%s) | median of per-iteration subject/baseline | goal | verdict |%n"
                        + "|---|---:|---:|---:|---|---|%n", unit, unit));
        for (RunResult result : results) {
            String group = Medians.operation(result);
            Pair pair = pairs.stream().filter(p -> p.group().equals(group)).findFirst().orElse(null);
            if (pair == null) {
                continue;
            }
            List<Double> subject = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            result.getBenchmarkResults().forEach(b -> b.getIterationResults().forEach(i -> {
                double a = i.getSecondaryResults().get(pair.subject()).getScore();
                double z = i.getSecondaryResults().get(pair.baseline()).getScore();
                subject.add(a);
                baseline.add(z);
                ratios.add(a / z);
            }));
            double ratio = median(ratios);
            boolean hasGoal = !Double.isNaN(pair.goal());
            table.append(String.format(Locale.ROOT, "| %s | %s %,.0f | %s %,.0f | %.3f (%.2f-%.2f) | %s | %s |%n",
                    group, pair.subject(), median(subject), pair.baseline(), median(baseline), ratio,
                    ratios.stream().mapToDouble(x -> x).min().orElse(0),
                    ratios.stream().mapToDouble(x -> x).max().orElse(0),
                    hasGoal ? String.format(Locale.ROOT, ">= %.1fx", pair.goal()) : "-",
                    !hasGoal ? "-" : ratio >= pair.goal() ? "met" : "missed"));
        }
        return table.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
