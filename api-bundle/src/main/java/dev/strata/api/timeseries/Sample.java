package dev.strata.api.timeseries;

/**
 * A timestamp and a value of one series: a stored point, or the value of an aggregated bucket (then the timestamp
 * is the bucket's start).
 */
public record Sample(long timestamp, double value) {
}
