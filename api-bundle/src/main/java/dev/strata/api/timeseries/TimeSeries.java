package dev.strata.api.timeseries;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.strata.api.ReadOperations;
import dev.strata.api.Transaction;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The time series of one {@link dev.strata.api.Store}. Points are stored compressed, grouped per series into chunks
 * of a two-hour window; the layer owns the store's keys that start with {@value #KEY_PREFIX}.
 * <p>
 * <b>Order and duplicates.</b> Points may arrive in any order. A point is merged into its window's chunk in timestamp
 * order; a point at a timestamp the series already has replaces the stored value (last write wins). The same holds
 * within one batch: the later point in the batch wins.
 * <p>
 * <b>Atomicity.</b> The methods without a transaction run in their own transaction (retried on conflict). The
 * methods that take a {@link Transaction} write through it, so the points, their rollups and the caller's other
 * writes commit or roll back together. A rejected batch writes nothing.
 */
@ProviderType
public interface TimeSeries {

    /** Every key of the layer starts with this. */
    String KEY_PREFIX = "$ts/";

    /** The metric name under which the store-wide default policy is set. */
    String ALL_METRICS = "*";

    /** The name of the store. */
    String storeName();

    /**
     * Appends one point (replacing a point of the same series at the same timestamp).
     *
     * @throws InvalidPointException    for a malformed metric, tag or series
     * @throws OutOfRetentionException  when the point's window is past retention or already dropped
     */
    void append(Point point);

    /** Appends every point atomically; validates all of them before writing any. */
    void append(Collection<Point> points);

    /** Appends through the caller's transaction; nothing is visible before it commits. */
    void append(Transaction tx, Collection<Point> points);

    default void append(Transaction tx, Point point) {
        append(tx, List.of(point));
    }

    /** The raw points of every matching series in the range, one entry per series (sorted by series). */
    List<SeriesData> query(SeriesQuery query);

    /** The same, on the caller's snapshot (a transaction sees its own appends). */
    List<SeriesData> query(ReadOperations tx, SeriesQuery query);

    /**
     * The raw points of every matching series aggregated into buckets of {@code bucket} width, each sample stamped
     * with its bucket's start. Computed from the raw points retention still keeps; see {@link #rollups} for what
     * outlives them.
     */
    List<SeriesData> aggregate(SeriesQuery query, Aggregation aggregation, Duration bucket);

    List<SeriesData> aggregate(ReadOperations tx, SeriesQuery query, Aggregation aggregation, Duration bucket);

    /** The latest point of every series of the metric that passes the filters (sorted by series). */
    List<Point> latest(String metric, List<TagFilter> filters);

    /** The series of a metric that pass the filters, sorted by their text form. */
    List<Series> series(String metric, List<TagFilter> filters);

    /** Every metric that has at least one series, sorted. */
    List<String> metrics();

    /**
     * The buckets of the rollup of {@code width} of every matching series in the range.
     *
     * @throws dev.strata.api.NotFoundException when the metric's policy has no rollup of that width
     */
    List<RollupData> rollups(SeriesQuery query, Duration width);

    /** Sets the policy of one metric, or of the store ({@link #ALL_METRICS}); takes effect for the next appends. */
    void setPolicy(String metric, MetricPolicy policy);

    /** The policy of the metric itself, if it has one (not the store default). */
    Optional<MetricPolicy> policy(String metric);

    /** The policy that applies to the metric: its own, else the store default, else {@link MetricPolicy#KEEP_FOREVER}. */
    MetricPolicy effectivePolicy(String metric);

    /**
     * Drops every raw chunk whose window ended longer ago than its metric's raw retention, and every rollup chunk
     * past its rollup's retention, in bounded transactions. Rollups are untouched by raw retention.
     */
    RetentionResult applyRetention();

    /** The stored size of the raw chunks of a series, in bytes (values only, without keys). */
    long storedBytes(Series series);
}
