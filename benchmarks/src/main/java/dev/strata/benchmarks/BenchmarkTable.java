package dev.strata.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints one Markdown table per benchmark class (see {@link BenchmarkReports}): medians
 * per target and operation, with ratios against baselines measured in the same run. Medians, not means: this
 * machine is shared and noisy, so the load average at start and end is printed beside the tables.
 * <p>
 * Arguments: {@code [--quick] [--warmups N] [--iterations N] [--include REGEX] [--baseline TARGET]} ({@code --baseline} is for
 * {@link KeyValueBenchmark}'s table; the other tables have fixed baselines).
 */
public final class BenchmarkTable {

    /**
     * lmdbjava's fast buffer proxy reads the address field of direct buffers; Java 17 refuses that reflective access
     * unless the packages are opened.
     */
    private static final String[] OPEN_NIO = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"};

    private BenchmarkTable() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = Arrays.asList(args).contains("--quick");
        String include = option(args, "--include", KeyValueBenchmark.class.getSimpleName());
        String baseline = option(args, "--baseline", "skiplist");
        String loadAtStart = loadAverage();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                // one call: a second jvmArgsAppend replaces the first (which once left the forks on default G1)
                .jvmArgsAppend(forkArguments())
                .warmupIterations(Integer.parseInt(option(args, "--warmups", quick ? "1" : "3")))
                .measurementIterations(Integer.parseInt(option(args, "--iterations", quick ? "3" : "7")))
                .warmupTime(TimeValue.seconds(2))
                .measurementTime(TimeValue.seconds(2))
                // a failing target (an engine being finished elsewhere) must not cost the others their figures;
                // its cells read "-" and the JMH log above the tables says why
                .shouldFailOnError(false);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, List<RunResult>> byClass = new LinkedHashMap<>();
        for (RunResult result : results) {
            byClass.computeIfAbsent(Medians.benchmarkClass(result), c -> new java.util.ArrayList<>()).add(result);
        }
        // rendered before printing, so that anything the renderers log does not land inside a table
        StringBuilder report = new StringBuilder().append('\n').append(quick ? "Quick run" : "Full run")
                .append("; load average at start: ").append(loadAtStart).append("; at end: ").append(loadAverage())
                .append('\n');
        for (Map.Entry<String, List<RunResult>> group : byClass.entrySet()) {
            report.append("\n### ").append(group.getKey()).append("\n\n")
                    .append(BenchmarkReports.render(group.getKey(), group.getValue(), baseline));
        }
        System.out.println(report);
    }

    /** The 1-, 5- and 15-minute load averages (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The heap, the opened packages, and every {@code strata.*} system property (sizes, the server's URL). */
    private static String[] forkArguments() {
        List<String> all = new java.util.ArrayList<>(List.of("-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"));
        all.addAll(List.of(OPEN_NIO));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("strata."))
                .sorted().forEach(name -> all.add("-D" + name + "=" + System.getProperty(name)));
        return all.toArray(String[]::new);
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
