package dev.strata.benchmarks;

import java.util.Arrays;

import org.openjdk.jmh.results.RunResult;

/**
 * Reads one JMH result as the tables need it: the median of its measured iterations (not the mean: this machine is
 * shared and noisy), converted to a rate or a time whatever unit the benchmark reported in.
 */
final class Medians {

    private Medians() {
    }

    /** The benchmark method's name, e.g. {@code batchedPuts}. */
    static String operation(RunResult result) {
        return result.getParams().getBenchmark().replaceAll(".*\\.", "");
    }

    /** The benchmark class's simple name, e.g. {@code EngineBenchmark}. */
    static String benchmarkClass(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Operations per second (for throughput modes: summed over the benchmark's threads, as JMH reports it). */
    static double perSecond(RunResult result) {
        String unit = result.getPrimaryResult().getScoreUnit();
        double median = medianScore(result);
        if (unit.endsWith("/op")) {
            return 1 / (median * secondsPer(unit.substring(0, unit.indexOf('/'))));
        }
        if (unit.startsWith("ops/")) {
            return median / secondsPer(unit.substring(unit.indexOf('/') + 1));
        }
        throw new IllegalArgumentException("unexpected score unit " + unit);
    }

    /** Nanoseconds per operation (the inverse of {@link #perSecond}). */
    static double nanosPerOperation(RunResult result) {
        return 1e9 / perSecond(result);
    }

    private static double medianScore(RunResult result) {
        double[] scores = result.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).toArray();
        if (scores.length == 0) {
            return result.getPrimaryResult().getScore();
        }
        Arrays.sort(scores);
        int mid = scores.length / 2;
        return scores.length % 2 == 1 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2;
    }

    private static double secondsPer(String timeUnit) {
        return switch (timeUnit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unexpected time unit " + timeUnit);
        };
    }
}
