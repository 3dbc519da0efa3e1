package dev.strata.timeseries.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOperations;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.RetentionResult;
import dev.strata.api.timeseries.RollupData;
import dev.strata.api.timeseries.Series;
import dev.strata.api.timeseries.SeriesData;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TagFilter;
import dev.strata.api.timeseries.TimeSeries;

/**
 * The time series of one store, over its public API only. Holds no state besides the store and the clock, so any
 * number of instances over the same store agree. The clock decides what retention drops and refuses.
 */
public final class StoreTimeSeries implements TimeSeries {

    private final Store store;
    private final Clock clock;

    public StoreTimeSeries(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String storeName() {
        return store.name();
    }

    @Override
    public void append(Point point) {
        append(List.of(requirePoint(point)));
    }

    @Override
    public void append(Collection<Point> points) {
        store.inTransaction(tx -> Appender.append(tx, points, clock.millis()));
    }

    @Override
    public void append(Transaction tx, Collection<Point> points) {
        if (tx == null) {
            throw new InvalidArgumentException("transaction must not be null");
        }
        if (tx.mode() != TransactionMode.READ_WRITE) {
            throw new dev.strata.api.ReadOnlyException("cannot append points in a read-only transaction");
        }
        Appender.append(tx, points, clock.millis());
    }

    @Override
    public void append(Transaction tx, Point point) {
        append(tx, List.of(requirePoint(point)));
    }

    @Override
    public List<SeriesData> query(SeriesQuery query) {
        SeriesQuery checked = requireQuery(query);
        return store.read(tx -> SeriesReader.query(tx, checked));
    }

    @Override
    public List<SeriesData> query(ReadOperations tx, SeriesQuery query) {
        return SeriesReader.query(requireReads(tx), requireQuery(query));
    }

    @Override
    public List<SeriesData> aggregate(SeriesQuery query, Aggregation aggregation, Duration bucket) {
        SeriesQuery checked = requireQuery(query);
        return store.read(tx -> SeriesReader.aggregate(tx, checked, aggregation, bucket));
    }

    @Override
    public List<SeriesData> aggregate(ReadOperations tx, SeriesQuery query, Aggregation aggregation,
            Duration bucket) {
        return SeriesReader.aggregate(requireReads(tx), requireQuery(query), aggregation, bucket);
    }

    @Override
    public List<Point> latest(String metric, List<TagFilter> filters) {
        List<TagFilter> checked = requireFilters(filters);
        return store.read(tx -> SeriesReader.latest(tx, metric, checked));
    }

    @Override
    public List<Series> series(String metric, List<TagFilter> filters) {
        List<TagFilter> checked = requireFilters(filters);
        return store.read(tx -> SeriesDirectory.find(tx, metric, checked).stream().map(SeriesRef::series).toList());
    }

    @Override
    public List<String> metrics() {
        return store.read(SeriesDirectory::metrics);
    }

    @Override
    public List<RollupData> rollups(SeriesQuery query, Duration width) {
        SeriesQuery checked = requireQuery(query);
        return store.read(tx -> SeriesReader.rollups(tx, checked, width));
    }

    @Override
    public void setPolicy(String metric, MetricPolicy policy) {
        store.inTransaction(tx -> Policies.put(tx, metric, policy));
    }

    @Override
    public Optional<MetricPolicy> policy(String metric) {
        return store.read(tx -> Policies.own(tx, metric));
    }

    @Override
    public MetricPolicy effectivePolicy(String metric) {
        return store.read(tx -> Policies.effective(tx, metric));
    }

    @Override
    public RetentionResult applyRetention() {
        return RetentionSweeper.sweep(store, clock.millis());
    }

    @Override
    public long storedBytes(Series series) {
        if (series == null) {
            throw new InvalidArgumentException("series must not be null");
        }
        return store.read(tx -> SeriesReader.idOf(tx, series).map(id -> SeriesReader.storedBytes(tx, id)).orElse(0L));
    }

    private static Point requirePoint(Point point) {
        if (point == null) {
            throw new dev.strata.api.timeseries.InvalidPointException("point must not be null");
        }
        return point;
    }

    private static SeriesQuery requireQuery(SeriesQuery query) {
        if (query == null) {
            throw new InvalidArgumentException("query must not be null");
        }
        return query;
    }

    private static ReadOperations requireReads(ReadOperations reads) {
        if (reads == null) {
            throw new InvalidArgumentException("transaction must not be null");
        }
        return reads;
    }

    private static List<TagFilter> requireFilters(List<TagFilter> filters) {
        if (filters == null || filters.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("tag filters must not be null");
        }
        return List.copyOf(filters);
    }

    @Override
    public String toString() {
        return "TimeSeries[" + store.name() + "]";
    }
}
