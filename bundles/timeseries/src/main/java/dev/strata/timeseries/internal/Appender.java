package dev.strata.timeseries.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.strata.api.Transaction;
import dev.strata.api.timeseries.InvalidPointException;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.OutOfRetentionException;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.Series;

/**
 * Writes a batch of points through one transaction. Everything that can reject the batch (names, retention,
 * dropped windows) is checked before the first write, so a rejected batch leaves the caller's transaction as it was.
 * Then, per series and window: read the chunk, merge, re-encode, write, and recompute the touched rollup buckets.
 */
final class Appender {

    private static final class Group {
        final Series series;
        final String canonical;
        final List<Point> points = new ArrayList<>();
        Optional<Long> id = Optional.empty();

        Group(Series series, String canonical) {
            this.series = series;
            this.canonical = canonical;
        }
    }

    private Appender() {
    }

    static void append(Transaction tx, Collection<Point> points, long now) {
        Map<String, Group> groups = group(points);
        Map<String, MetricPolicy> policies = new HashMap<>();
        for (Group group : groups.values()) {
            MetricPolicy policy = policies.computeIfAbsent(group.series.metric(), m -> Policies.effective(tx, m));
            checkRetention(group, policy, now);
            group.id = SeriesDirectory.lookup(tx, group.canonical);
            if (group.id.isPresent()) {
                checkWatermark(tx, group);
            }
        }
        for (Group group : groups.values()) {
            long id = group.id.orElseGet(() -> SeriesDirectory.create(tx, group.series, group.canonical));
            write(tx, id, group.points, policies.get(group.series.metric()));
        }
    }

    private static Map<String, Group> group(Collection<Point> points) {
        if (points == null) {
            throw new InvalidPointException("points must not be null");
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        // keyed by metric, then by the point's own tag map: no Series is built per point, and runs of points of
        // one series (the usual batch) skip the lookup altogether
        Map<String, Map<Map<String, String>, Group>> byMetric = new HashMap<>();
        Group last = null;
        for (Point point : points) {
            if (point == null) {
                throw new InvalidPointException("a batch of points must not contain null");
            }
            if (last == null || !(last.series.metric().equals(point.metric())
                    && (last.series.tags() == point.tags() || last.series.tags().equals(point.tags())))) {
                Map<Map<String, String>, Group> byTags = byMetric.computeIfAbsent(point.metric(), m -> new HashMap<>());
                last = byTags.get(point.tags());
                if (last == null) {
                    Series series = point.series();
                    String canonical = SeriesNames.canonical(series);
                    last = groups.computeIfAbsent(canonical, c -> new Group(series, c));
                    byTags.put(point.tags(), last);
                }
            }
            last.points.add(point);
        }
        return groups;
    }

    private static void checkRetention(Group group, MetricPolicy policy, long now) {
        if (policy.keepsRawForever()) {
            return;
        }
        long horizon = now - policy.rawRetention().toMillis();
        for (Point point : group.points) {
            long windowEnd = KeyLayout.windowStart(point.timestamp(), KeyLayout.WINDOW_MILLIS) + KeyLayout.WINDOW_MILLIS;
            if (windowEnd <= horizon) {
                throw new OutOfRetentionException("point of " + group.series + " at " + describe(point.timestamp())
                        + " is older than the metric's raw retention of " + policy.rawRetention()
                        + "; nothing was written");
            }
        }
    }

    private static void checkWatermark(Transaction tx, Group group) {
        String key = KeyLayout.lowWatermarkKey(group.id.orElseThrow());
        Optional<byte[]> stored = tx.get(key);
        if (stored.isEmpty()) {
            return;
        }
        long dropped = KeyLayout.bytesLong(stored.get(), key);
        for (Point point : group.points) {
            if (point.timestamp() < dropped) {
                throw new OutOfRetentionException("point of " + group.series + " at " + describe(point.timestamp())
                        + " falls in a window whose raw data retention already dropped (before "
                        + describe(dropped) + "); nothing was written");
            }
        }
    }

    private static void write(Transaction tx, long id, List<Point> points, MetricPolicy policy) {
        TreeMap<Long, List<Point>> byWindow = new TreeMap<>();
        long currentWindow = 0;
        List<Point> current = null;
        for (Point point : points) {
            long window = KeyLayout.windowStart(point.timestamp(), KeyLayout.WINDOW_MILLIS);
            if (current == null || window != currentWindow) {
                current = byWindow.computeIfAbsent(window, w -> new ArrayList<>());
                currentWindow = window;
            }
            current.add(point);
        }
        List<Rollup> rollups = policy.rollups();
        List<TreeMap<Long, double[]>> buckets = new ArrayList<>();
        for (int r = 0; r < rollups.size(); r++) {
            buckets.add(new TreeMap<>());
        }
        for (Map.Entry<Long, List<Point>> window : byWindow.entrySet()) {
            String key = KeyLayout.chunkKey(id, window.getKey());
            ChunkData stored = Chunks.read(tx, key, 1).orElse(null);
            ChunkData merged = Chunks.merge(stored, window.getValue());
            tx.put(key, GorillaCodec.encode(merged.timestamps(), merged.columns(), merged.count()));
            if (!rollups.isEmpty()) {
                List<Point> added = window.getValue();
                long[] touched = new long[added.size()];
                for (int i = 0; i < touched.length; i++) {
                    touched[i] = added.get(i).timestamp();
                }
                for (int r = 0; r < rollups.size(); r++) {
                    RollupMaintainer.collect(buckets.get(r), rollups.get(r).width().toMillis(), merged, touched);
                }
            }
        }
        for (int r = 0; r < rollups.size(); r++) {
            RollupMaintainer.store(tx, id, rollups.get(r).width().toMillis(), buckets.get(r));
        }
    }

    static String describe(long timestamp) {
        return Instant.ofEpochMilli(timestamp) + " (" + timestamp + ")";
    }
}
