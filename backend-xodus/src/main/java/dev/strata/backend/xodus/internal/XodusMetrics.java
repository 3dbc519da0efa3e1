package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.strata.api.spi.EngineMetrics;

import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.EnvironmentStatistics;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;
import jetbrains.exodus.management.Statistics;

/**
 * The SPI metrics from Xodus's own statistics. Xodus is a log: the store's log files are both its WAL and its
 * data, so {@code walBytes} is the log's size on disk. Xodus reports its caches as hit rates over a recent window,
 * not as counts, so hits and misses are {@code -1} and the rates are in {@code extra}.
 */
final class XodusMetrics {

    private XodusMetrics() {
    }

    /** @param openTransactions the engine's open transactions (Xodus's own count is refreshed only now and then) */
    static EngineMetrics of(EnvironmentImpl environment, Store store, Path directory, String compactionState,
            int openTransactions) {
        long keys;
        Transaction txn = environment.beginReadonlyTransaction();
        try {
            keys = CommitSequence.visibleCount(store, txn);
        } finally {
            txn.abort();
        }
        long[] logFiles = logFiles(directory);
        Statistics<?> statistics = environment.getStatistics();
        Map<String, Number> extra = new HashMap<>();
        extra.put("bytesWritten", total(statistics, EnvironmentStatistics.Type.BYTES_WRITTEN));
        extra.put("bytesRead", total(statistics, EnvironmentStatistics.Type.BYTES_READ));
        extra.put("bytesMovedByGc", total(statistics, EnvironmentStatistics.Type.BYTES_MOVED_BY_GC));
        extra.put("utilizationPercent", total(statistics, EnvironmentStatistics.Type.UTILIZATION_PERCENT));
        extra.put("activeTransactions", openTransactions);
        extra.put("transactions", total(statistics, EnvironmentStatistics.Type.TRANSACTIONS));
        extra.put("readonlyTransactions", total(statistics, EnvironmentStatistics.Type.READONLY_TRANSACTIONS));
        extra.put("gcTransactions", total(statistics, EnvironmentStatistics.Type.GC_TRANSACTIONS));
        extra.put("logCacheHitRate", (double) environment.getLog().getCacheHitRate());
        extra.put("storeGetCacheHitRate", (double) environment.getStoreGetCacheHitRate());
        extra.put("logFiles", logFiles[0]);
        return new EngineMetrics(keys, -1, logFiles[2], logFiles[1], -1, -1, compactionState, extra);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static long total(Statistics statistics, EnvironmentStatistics.Type type) {
        return statistics.getStatisticsItem(type).getTotal();
    }

    /** Count and bytes of the log files ({@code *.xd}), and bytes of every file in the directory. */
    private static long[] logFiles(Path directory) {
        long[] figures = new long[3];
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                long size = size(file);
                if (file.getFileName().toString().endsWith(".xd")) {
                    figures[0]++;
                    figures[1] += size;
                }
                figures[2] += size;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figures;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted by the log cleaner while we listed
        }
    }
}
