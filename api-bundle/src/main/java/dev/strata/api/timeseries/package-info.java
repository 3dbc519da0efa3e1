/**
 * Time series over any Strata store: metrics with tags, appended one point or a batch at a time (also inside a
 * caller's {@link dev.strata.api.Transaction} beside its other writes), range queries with tag filters, bucketed
 * aggregation, the latest point per series, retention and continuous rollups. {@link
 * dev.strata.api.timeseries.TimeSeriesService} hands out a {@link dev.strata.api.timeseries.TimeSeries} per store;
 * the layer bundle implements it over the public {@link dev.strata.api.Store} API only, so every engine gets it.
 * <p>
 * Timestamps are milliseconds since the epoch (UTC). Time ranges are half-open: {@code [from, to)}. Buckets of width
 * {@code w} start at multiples of {@code w} since the epoch.
 */
@Export
@Version("0.1.0")
package dev.strata.api.timeseries;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
