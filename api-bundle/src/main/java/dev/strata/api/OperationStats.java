package dev.strata.api;

/**
 * One kind of operation on a store, as core measures it for every engine.
 *
 * @param count      operations since the store opened
 * @param errors     of those, how many failed (conflicts are counted apart, as an outcome of commits)
 * @param p50Micros  median latency over the last measured interval (about a second), microseconds; {@code NaN}
 *                   when the interval saw none
 * @param p95Micros  95th percentile, same interval
 * @param p99Micros  99th percentile, same interval
 * @param maxMicros  slowest, same interval
 */
public record OperationStats(long count, long errors, double p50Micros, double p95Micros, double p99Micros,
        double maxMicros) {
}
