package dev.strata.timeseries.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.NotFoundException;
import dev.strata.api.ReadOperations;
import dev.strata.api.Scan;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.RollupBucket;
import dev.strata.api.timeseries.RollupData;
import dev.strata.api.timeseries.Sample;
import dev.strata.api.timeseries.SeriesData;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TagFilter;

/** Queries over one snapshot: raw ranges, bucketed aggregates, latest points and rollups. */
final class SeriesReader {

    private SeriesReader() {
    }

    static List<SeriesData> query(ReadOperations reads, SeriesQuery query) {
        List<SeriesData> result = new ArrayList<>();
        for (SeriesRef ref : SeriesDirectory.find(reads, query.metric(), query.filters())) {
            List<Sample> samples = new ArrayList<>();
            forEachChunk(reads, KeyLayout.chunkPrefix(ref.id()), KeyLayout.WINDOW_MILLIS, query, 1, chunk -> {
                int from = Chunks.lowerBound(chunk.timestamps(), chunk.count(), query.from());
                int to = Chunks.lowerBound(chunk.timestamps(), chunk.count(), query.to());
                for (int i = from; i < to; i++) {
                    samples.add(new Sample(chunk.timestamps()[i], chunk.values()[i]));
                }
            });
            if (!samples.isEmpty()) {
                result.add(new SeriesData(ref.series(), samples));
            }
        }
        return result;
    }

    static List<SeriesData> aggregate(ReadOperations reads, SeriesQuery query, Aggregation aggregation,
            Duration bucket) {
        long width = BucketAggregator.checkWidth(bucket);
        if (aggregation == null) {
            throw new dev.strata.api.InvalidArgumentException("aggregation must not be null");
        }
        List<SeriesData> result = new ArrayList<>();
        for (SeriesRef ref : SeriesDirectory.find(reads, query.metric(), query.filters())) {
            BucketAggregator aggregator = new BucketAggregator(aggregation, width);
            forEachChunk(reads, KeyLayout.chunkPrefix(ref.id()), KeyLayout.WINDOW_MILLIS, query, 1, chunk -> {
                int from = Chunks.lowerBound(chunk.timestamps(), chunk.count(), query.from());
                int to = Chunks.lowerBound(chunk.timestamps(), chunk.count(), query.to());
                for (int i = from; i < to; i++) {
                    aggregator.add(chunk.timestamps()[i], chunk.values()[i]);
                }
            });
            List<Sample> samples = aggregator.finish();
            if (!samples.isEmpty()) {
                result.add(new SeriesData(ref.series(), samples));
            }
        }
        return result;
    }

    static List<Point> latest(ReadOperations reads, String metric, List<TagFilter> filters) {
        List<Point> result = new ArrayList<>();
        for (SeriesRef ref : SeriesDirectory.find(reads, metric, filters)) {
            try (EntryCursor cursor = reads.scan(Scan.prefix(KeyLayout.chunkPrefix(ref.id())).reverse().limit(1))) {
                if (cursor.hasNext()) {
                    Entry entry = cursor.next();
                    ChunkData chunk = Chunks.decode(entry.key(), entry.value(), 1);
                    if (chunk.count() > 0) {
                        int last = chunk.count() - 1;
                        result.add(new Point(ref.series().metric(), ref.series().tags(), chunk.timestamps()[last],
                                chunk.values()[last]));
                    }
                }
            }
        }
        return result;
    }

    static List<RollupData> rollups(ReadOperations reads, SeriesQuery query, Duration width) {
        MetricPolicy policy = Policies.effective(reads, query.metric());
        long millis = BucketAggregator.checkWidth(width);
        if (policy.rollups().stream().noneMatch(r -> r.width().toMillis() == millis)) {
            throw new NotFoundException("metric '" + query.metric() + "' has no rollup of " + width + "; its policy "
                    + "keeps " + (policy.rollups().isEmpty() ? "none" : policy.rollups().stream()
                            .map(r -> r.width().toString()).toList()));
        }
        List<RollupData> result = new ArrayList<>();
        for (SeriesRef ref : SeriesDirectory.find(reads, query.metric(), query.filters())) {
            List<RollupBucket> buckets = new ArrayList<>();
            // a bucket belongs to the range when its start is in [from, to)
            forEachChunk(reads, KeyLayout.rollupPrefix(ref.id(), millis), KeyLayout.rollupWindow(millis), query,
                    RollupMaintainer.COLUMNS, chunk -> {
                        int from = Chunks.lowerBound(chunk.timestamps(), chunk.count(), query.from());
                        int to = Chunks.lowerBound(chunk.timestamps(), chunk.count(), query.to());
                        double[][] c = chunk.columns();
                        for (int i = from; i < to; i++) {
                            buckets.add(new RollupBucket(chunk.timestamps()[i], (long) c[RollupMaintainer.COUNT][i],
                                    c[RollupMaintainer.SUM][i], c[RollupMaintainer.MIN][i],
                                    c[RollupMaintainer.MAX][i]));
                        }
                    });
            if (!buckets.isEmpty()) {
                result.add(new RollupData(ref.series(), width, buckets));
            }
        }
        return result;
    }

    /** Decodes, in time order, every chunk under the prefix whose window overlaps the query's range. */
    private static void forEachChunk(ReadOperations reads, String prefix, long window, SeriesQuery query, int columns,
            java.util.function.Consumer<ChunkData> action) {
        long firstWindow = KeyLayout.windowStart(query.from(), window);
        long lastWindow = KeyLayout.windowStart(query.to() - 1, window);
        String fromKey = prefix + KeyLayout.timeHex(firstWindow);
        try (EntryCursor cursor = reads.scan(new Scan(prefix, fromKey, null, null, false, 0))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                if (KeyLayout.windowOf(entry.key()) > lastWindow) {
                    return;
                }
                action.accept(Chunks.decode(entry.key(), entry.value(), columns));
            }
        }
    }

    /** The stored bytes of a series' raw chunks. */
    static long storedBytes(ReadOperations reads, long id) {
        long total = 0;
        try (EntryCursor cursor = reads.scan(Scan.prefix(KeyLayout.chunkPrefix(id)))) {
            while (cursor.hasNext()) {
                total += cursor.next().value().length;
            }
        }
        return total;
    }

    static Optional<Long> idOf(ReadOperations reads, dev.strata.api.timeseries.Series series) {
        return SeriesDirectory.lookup(reads, SeriesNames.canonical(series));
    }
}
