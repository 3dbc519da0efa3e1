package dev.strata.console.dashboard;

/** One point of a chart: epoch milliseconds and a value. */
public record Point(long time, double value) {
}
