package dev.strata.management.internal.health;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;

/**
 * What one store's health is judged from, gathered at one moment.
 *
 * @param info               the store's status and message
 * @param metrics            its figures, or {@code null} when they cannot be read
 * @param settings           its thresholds
 * @param diskUsableBytes    usable bytes on the volume of its data directory, -1 when unknown
 * @param diskTotalBytes     size of that volume, -1 when unknown
 * @param errorsPerSecond    failed operations per second over the last minute, NaN when not measured yet
 * @param getP99Micros       the worst per-second p99 of gets in the last minute, NaN without gets
 * @param commitP99Micros    the worst per-second p99 of commits in the last minute, NaN without commits
 */
public record HealthInputs(StoreInfo info, StoreMetrics metrics, HealthSettings settings, long diskUsableBytes,
        long diskTotalBytes, double errorsPerSecond, double getP99Micros, double commitP99Micros) {
}
