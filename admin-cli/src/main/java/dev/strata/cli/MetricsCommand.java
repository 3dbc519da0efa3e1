package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.management.StoreMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code strata-cli metrics <store> [--watch]}: a store's figures once, or a line per interval with {@code --watch}
 * (the cache hit rate then over the last interval, not since start).
 */
@Command(name = "metrics", description = "Show a store's figures; --watch prints a line per interval.")
final class MetricsCommand implements Callable<Integer> {

    @ParentCommand
    StrataCli cli;

    @Parameters(paramLabel = "STORE", description = "The store.")
    String store;

    @Option(names = "--watch", description = "Print a line per interval until interrupted (or --count lines).")
    boolean watch;

    @Option(names = "--interval", defaultValue = "1", description = "Seconds between lines with --watch (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many lines with --watch (0: never).")
    int count;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 1) {
            throw new CliFailure(ExitCode.USAGE, "error: --interval must be at least 1 second");
        }
        try (RuntimeConnection runtime = cli.connect()) {
            StoreMXBean bean = runtime.store(store);
            Output output = cli.output();
            if (!watch) {
                output.record(figures(bean, Double.NaN));
                return ExitCode.OK;
            }
            long[] previous = RuntimeConnection.call(() -> new long[] {bean.getCacheHits(), bean.getCacheMisses()});
            for (int line = 1; count == 0 || line <= count; line++) {
                Thread.sleep(interval * 1000L);
                long[] now = RuntimeConnection.call(() -> new long[] {bean.getCacheHits(), bean.getCacheMisses()});
                output.record(figures(bean, intervalRate(previous, now)));
                previous = now;
            }
            return ExitCode.OK;
        }
    }

    /** Hits over lookups between two readings; NaN without lookups or when the engine has no counters. */
    static double intervalRate(long[] before, long[] after) {
        long hits = after[0] - before[0];
        long misses = after[1] - before[1];
        if (before[0] < 0 || before[1] < 0 || hits < 0 || misses < 0 || hits + misses == 0) {
            return Double.NaN;
        }
        return (double) hits / (hits + misses);
    }

    private static Map<String, Object> figures(StoreMXBean bean, double intervalHitRate) {
        return RuntimeConnection.call(() -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("store", bean.getName());
            fields.put("status", bean.getStatus());
            fields.put("keys", bean.getKeys());
            fields.put("diskBytes", bean.getDiskBytes());
            fields.put("walBytes", bean.getWalBytes());
            fields.put("memoryBytes", bean.getMemoryBytes());
            fields.put("cacheHitRate", bean.getCacheHitRate());
            if (!Double.isNaN(intervalHitRate)) {
                fields.put("cacheHitRateInterval", intervalHitRate);
            }
            fields.put("compaction", bean.getCompactionState());
            return fields;
        });
    }
}
