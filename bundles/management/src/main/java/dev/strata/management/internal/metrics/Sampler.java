package dev.strata.management.internal.metrics;

import dev.strata.api.OperationStats;
import dev.strata.api.StoreMetrics;

/**
 * Turns two consecutive readings of a store into one sample: sizes as read, rates and the cache hit rate over the
 * time between the readings (not since the store opened), latency tails as core measured them for the interval.
 */
final class Sampler {

    private StoreMetrics previous;

    /** The sample for this reading; the first reading of a store (or the first after a gap) has no rates yet. */
    double[] sample(StoreMetrics now) {
        double[] sample = new double[Figure.values().length];
        sample[Figure.KEYS.ordinal()] = gauge(now.keys());
        sample[Figure.DISK_BYTES.ordinal()] = gauge(now.diskBytes());
        sample[Figure.WAL_BYTES.ordinal()] = gauge(now.walBytes());
        sample[Figure.MEMORY_BYTES.ordinal()] = gauge(now.memoryBytes());
        sample[Figure.GET_P99.ordinal()] = p99(now, "get");
        sample[Figure.PUT_P99.ordinal()] = p99(now, "put");
        sample[Figure.COMMIT_P99.ordinal()] = p99(now, "commit");
        double seconds = previous == null ? 0 : (now.takenAt() - previous.takenAt()) / 1000.0;
        if (seconds <= 0) {
            sample[Figure.CACHE_HIT_RATE.ordinal()] = Double.NaN;
            sample[Figure.OPERATIONS_PER_SECOND.ordinal()] = Double.NaN;
            sample[Figure.ERRORS_PER_SECOND.ordinal()] = Double.NaN;
        } else {
            sample[Figure.CACHE_HIT_RATE.ordinal()] = hitRate(previous, now);
            sample[Figure.OPERATIONS_PER_SECOND.ordinal()] = (operations(now) - operations(previous)) / seconds;
            sample[Figure.ERRORS_PER_SECOND.ordinal()] = (errors(now) - errors(previous)) / seconds;
        }
        previous = now;
        return sample;
    }

    /** Forgets the last reading (the store went away), so the next rates do not span the gap. */
    void reset() {
        previous = null;
    }

    static double hitRate(StoreMetrics before, StoreMetrics after) {
        if (before.cacheHits() < 0 || before.cacheMisses() < 0 || after.cacheHits() < 0 || after.cacheMisses() < 0) {
            return Double.NaN;
        }
        long hits = after.cacheHits() - before.cacheHits();
        long misses = after.cacheMisses() - before.cacheMisses();
        return hits < 0 || misses < 0 || hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
    }

    private static double gauge(long value) {
        return value < 0 ? Double.NaN : value;
    }

    private static double p99(StoreMetrics metrics, String operation) {
        OperationStats stats = metrics.operations().get(operation);
        return stats == null ? Double.NaN : stats.p99Micros();
    }

    private static long operations(StoreMetrics metrics) {
        // a commit is the end of a transaction, not an operation of its own; rollbacks likewise
        return metrics.operations().entrySet().stream()
                .filter(e -> !e.getKey().equals("commit") && !e.getKey().equals("rollback"))
                .mapToLong(e -> e.getValue().count()).sum();
    }

    private static long errors(StoreMetrics metrics) {
        return metrics.errors().values().stream().mapToLong(Long::longValue).sum();
    }
}
