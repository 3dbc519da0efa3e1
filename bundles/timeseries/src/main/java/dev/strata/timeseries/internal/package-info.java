/**
 * The time-series layer over the public Store API: Gorilla-compressed chunks, the series dictionary and tag index,
 * rollups, retention, the service component and the {@code ts:*} shell commands. Not exported.
 */
package dev.strata.timeseries.internal;
