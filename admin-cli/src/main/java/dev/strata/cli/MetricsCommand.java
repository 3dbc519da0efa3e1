package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.OperationStats;
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
                output.record(figures(bean, null, Reading.of(bean), output.json()));
                return ExitCode.OK;
            }
            Reading previous = Reading.of(bean);
            for (int line = 1; count == 0 || line <= count; line++) {
                Thread.sleep(interval * 1000L);
                Reading now = Reading.of(bean);
                output.record(figures(bean, previous, now, output.json()));
                previous = now;
            }
            return ExitCode.OK;
        }
    }

    /** The counters rates are taken from: two readings an interval apart give the rates over that interval. */
    record Reading(long hits, long misses, Map<String, OperationStats> operations, long nanos) {
        static Reading of(StoreMXBean bean) {
            return RuntimeConnection.call(() -> new Reading(bean.getCacheHits(), bean.getCacheMisses(),
                    bean.getOperations(), System.nanoTime()));
        }

        /** Hits over lookups since an earlier reading; NaN without lookups or when the engine has no counters. */
        double hitRateSince(Reading before) {
            long newHits = hits - before.hits;
            long newMisses = misses - before.misses;
            if (before.hits < 0 || before.misses < 0 || newHits < 0 || newMisses < 0 || newHits + newMisses == 0) {
                return Double.NaN;
            }
            return (double) newHits / (newHits + newMisses);
        }
    }

    private static Map<String, Object> figures(StoreMXBean bean, Reading previous, Reading now, boolean json) {
        return RuntimeConnection.call(() -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("store", bean.getName());
            fields.put("status", bean.getStatus());
            fields.put("keys", bean.getKeys());
            fields.put("diskBytes", bean.getDiskBytes());
            fields.put("walBytes", bean.getWalBytes());
            fields.put("memoryBytes", bean.getMemoryBytes());
            fields.put("cacheHitRate", bean.getCacheHitRate());
            if (previous != null) {
                double rate = now.hitRateSince(previous);
                if (!Double.isNaN(rate)) {
                    fields.put("cacheHitRateInterval", rate);
                }
            }
            fields.put("compaction", bean.getCompactionState());
            Map<String, Map<String, Object>> operations = previous == null
                    ? OperationFigures.of(null, now.operations(), 0)
                    : OperationFigures.of(previous.operations(), now.operations(),
                            (now.nanos() - previous.nanos()) / 1e9);
            if (json) {
                fields.put("operations", operations);
                fields.put("errors", bean.getErrors());
            } else {
                operations.forEach((kind, figures) -> fields.put(kind, OperationFigures.line(figures)));
                fields.put("errors", OperationFigures.errorsLine(bean.getErrors()));
            }
            return fields;
        });
    }
}
