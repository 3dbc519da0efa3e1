package dev.strata.timeseries.internal;

import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.Transaction;

/**
 * Keeps a rollup's buckets equal to the aggregate of the raw points they cover. A touched bucket is recomputed from
 * the merged raw chunk of its window (a bucket never spans two windows, see {@link dev.strata.api.timeseries.Rollup}),
 * so out-of-order points and replaced duplicates give the same rollup as in-order input. Buckets not touched keep
 * their stored values, which is what lets rollups outlive the raw chunks retention drops.
 */
final class RollupMaintainer {

    static final int COUNT = 0;
    static final int SUM = 1;
    static final int MIN = 2;
    static final int MAX = 3;
    static final int COLUMNS = 4;

    private RollupMaintainer() {
    }

    /** Recomputes the buckets of {@code width} that hold any of {@code touchedTimes} from the window's samples. */
    static void collect(TreeMap<Long, double[]> into, long width, ChunkData window, long[] touchedTimes) {
        long previous = 0;
        boolean any = false;
        for (long time : touchedTimes) {
            long start = KeyLayout.windowStart(time, width);
            if (!any || start != previous) { // runs of points in one bucket are the common case
                into.computeIfAbsent(start, s -> aggregate(window, s, width));
                previous = start;
                any = true;
            }
        }
    }

    /** Writes recomputed buckets into their rollup chunks: one read-modify-write per chunk. */
    static void store(Transaction tx, long seriesId, long width, TreeMap<Long, double[]> buckets) {
        long rollupWindow = KeyLayout.rollupWindow(width);
        while (!buckets.isEmpty()) {
            long windowStart = KeyLayout.windowStart(buckets.firstKey(), rollupWindow);
            Map<Long, double[]> inWindow = buckets.headMap(windowStart + rollupWindow);
            String key = KeyLayout.rollupKey(seriesId, width, windowStart);
            ChunkData stored = Chunks.read(tx, key, COLUMNS).orElse(null);
            tx.put(key, merge(stored, inWindow));
            inWindow.clear();
        }
    }

    private static double[] aggregate(ChunkData window, long start, long width) {
        long[] times = window.timestamps();
        double[] values = window.values();
        int from = Chunks.lowerBound(times, window.count(), start);
        int to = Chunks.lowerBound(times, window.count(), start + width);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            sum += values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new double[] {to - from, sum, min, max};
    }

    /** Merges sorted stored rows with sorted updates (an update replaces the stored row of its bucket). */
    private static byte[] merge(ChunkData stored, Map<Long, double[]> updates) {
        int old = stored == null ? 0 : stored.count();
        long[] times = new long[old + updates.size()];
        double[][] columns = new double[COLUMNS][times.length];
        int i = 0;
        int n = 0;
        for (Map.Entry<Long, double[]> update : updates.entrySet()) {
            long bucket = update.getKey();
            while (i < old && stored.timestamps()[i] < bucket) {
                copyRow(stored, i++, times, columns, n++);
            }
            if (i < old && stored.timestamps()[i] == bucket) {
                i++;
            }
            times[n] = bucket;
            for (int c = 0; c < COLUMNS; c++) {
                columns[c][n] = update.getValue()[c];
            }
            n++;
        }
        while (i < old) {
            copyRow(stored, i++, times, columns, n++);
        }
        return GorillaCodec.encode(times, columns, n);
    }

    private static void copyRow(ChunkData from, int row, long[] times, double[][] columns, int to) {
        times[to] = from.timestamps()[row];
        for (int c = 0; c < COLUMNS; c++) {
            columns[c][to] = from.columns()[c][row];
        }
    }
}
