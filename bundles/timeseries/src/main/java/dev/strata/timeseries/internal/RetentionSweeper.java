package dev.strata.timeseries.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.RetentionResult;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.TimeSeries;

/**
 * Drops whole chunks past retention: a raw chunk when its two-hour window ended at least the raw retention ago, a
 * rollup chunk when its window ended at least the rollup's retention ago. Deletes run in transactions of at most
 * {@value #BATCH} keys, so writers are never blocked for long. Dropping raw chunks also raises the series' low
 * watermark in the same transaction; appends below it are refused, so a late point can never re-create a dropped
 * window and overwrite its rollup buckets with a partial aggregate. Rollup chunks are never touched by raw retention.
 */
final class RetentionSweeper {

    static final int BATCH = 256;

    private RetentionSweeper() {
    }

    static RetentionResult sweep(Store store, long now) {
        Map<String, MetricPolicy> stored = store.read(Policies::all);
        if (stored.isEmpty()) {
            return new RetentionResult(0, 0);
        }
        long raw = 0;
        long rollups = 0;
        List<String> metrics = store.read(SeriesDirectory::metrics);
        for (String metric : metrics) {
            MetricPolicy policy = Optional.ofNullable(stored.get(metric))
                    .or(() -> Optional.ofNullable(stored.get(TimeSeries.ALL_METRICS))).orElse(MetricPolicy.KEEP_FOREVER);
            List<SeriesRef> series = store.read(tx -> SeriesDirectory.find(tx, metric, List.of()));
            for (SeriesRef ref : series) {
                if (!policy.keepsRawForever()) {
                    raw += dropRaw(store, ref.id(), now - policy.rawRetention().toMillis());
                }
                for (Rollup rollup : policy.rollups()) {
                    if (!rollup.retention().isZero()) {
                        long width = rollup.width().toMillis();
                        rollups += drop(store, KeyLayout.rollupPrefix(ref.id(), width), KeyLayout.rollupWindow(width),
                                now - rollup.retention().toMillis(), -1);
                    }
                }
            }
        }
        return new RetentionResult(raw, rollups);
    }

    private static long dropRaw(Store store, long id, long horizon) {
        return drop(store, KeyLayout.chunkPrefix(id), KeyLayout.WINDOW_MILLIS, horizon, id);
    }

    /** Deletes the chunks under the prefix whose window ends at or before the horizon; raises the watermark if id >= 0. */
    private static long drop(Store store, String prefix, long window, long horizon, long watermarkId) {
        long dropped = 0;
        while (true) {
            List<String> keys = expired(store, prefix, window, horizon);
            if (keys.isEmpty()) {
                return dropped;
            }
            long windowEnd = KeyLayout.windowOf(keys.get(keys.size() - 1)) + window;
            store.inTransaction(tx -> {
                for (String key : keys) {
                    tx.delete(key);
                }
                if (watermarkId >= 0) {
                    String mark = KeyLayout.lowWatermarkKey(watermarkId);
                    long old = tx.get(mark).map(b -> KeyLayout.bytesLong(b, mark)).orElse(Long.MIN_VALUE);
                    tx.put(mark, KeyLayout.longBytes(Math.max(old, windowEnd)));
                }
            });
            dropped += keys.size();
        }
    }

    private static List<String> expired(Store store, String prefix, long window, long horizon) {
        List<String> keys = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.prefix(prefix).limit(BATCH))) {
            while (cursor.hasNext()) {
                String key = cursor.next().key();
                if (KeyLayout.windowOf(key) + window > horizon) {
                    break;
                }
                keys.add(key);
            }
        }
        return keys;
    }
}
