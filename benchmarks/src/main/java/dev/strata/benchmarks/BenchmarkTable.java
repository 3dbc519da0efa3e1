package dev.strata.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints one Markdown table: the median per-entry rate of each target and operation, and
 * its ratio to the baseline target measured in the same run. Medians, not means: this machine is shared and noisy.
 * <p>
 * Arguments: {@code [--quick] [--include REGEX] [--baseline TARGET]}.
 */
public final class BenchmarkTable {

    private BenchmarkTable() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = Arrays.asList(args).contains("--quick");
        String include = option(args, "--include", KeyValueBenchmark.class.getSimpleName());
        String baseline = option(args, "--baseline", "skiplist");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .jvmArgsAppend("-Xms6g", "-Xmx6g", "-XX:+UseParallelGC")
                .warmupIterations(quick ? 1 : 3)
                .measurementIterations(quick ? 3 : 7)
                .warmupTime(TimeValue.seconds(2))
                .measurementTime(TimeValue.seconds(2))
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println(render(results, baseline));
    }

    static String render(Collection<RunResult> results, String baseline) {
        Map<String, Map<String, Double>> rates = new TreeMap<>();
        List<String> operations = new ArrayList<>();
        for (RunResult result : results) {
            String operation = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            String target = result.getParams().getParam("target");
            double medianNanos = median(result.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(IterationResult::getScore).toArray(), result);
            rates.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(operation, 1e9 / medianNanos);
            if (!operations.contains(operation)) {
                operations.add(operation);
            }
        }
        StringBuilder table = new StringBuilder("| target |");
        operations.forEach(op -> table.append(' ').append(op).append(" (entries/s) | vs ").append(baseline).append(" |"));
        table.append("\n|---|").append("---:|---:|".repeat(operations.size())).append('\n');
        for (Map.Entry<String, Map<String, Double>> row : rates.entrySet()) {
            table.append("| ").append(row.getKey()).append(" |");
            for (String op : operations) {
                Double rate = row.getValue().get(op);
                Double base = rates.getOrDefault(baseline, Map.of()).get(op);
                table.append(' ').append(rate == null ? "-" : String.format(Locale.ROOT, "%,.0f", rate)).append(" | ");
                table.append(rate == null || base == null ? "-" : String.format(Locale.ROOT, "%.2fx", rate / base));
                table.append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** The median of the measured iterations, in nanoseconds per entry (JMH reports per-operation scores). */
    private static double median(double[] scores, RunResult result) {
        double[] sorted = scores.length > 0 ? scores.clone() : new double[]{result.getPrimaryResult().getScore()};
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double nanos = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        String unit = result.getPrimaryResult().getScoreUnit();
        return unit.startsWith("s/") ? nanos * 1e9 : unit.startsWith("ms/") ? nanos * 1e6
                : unit.startsWith("us/") ? nanos * 1e3 : nanos;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
