package dev.strata.api.timeseries;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.strata.api.InvalidArgumentException;

/**
 * How long a metric's raw points are kept and which rollups are maintained for it. A policy is stored in the store
 * itself (so it applies on every engine and survives restarts); a metric without its own policy uses the store's
 * default ({@link TimeSeries#ALL_METRICS}), and without that keeps everything and maintains no rollups.
 * Rollups start with the points appended after they were configured.
 *
 * @param rawRetention how long raw chunks are kept after their window ends; zero keeps them forever
 * @param rollups      the continuous aggregates, each with its own retention; at most one per width
 */
public record MetricPolicy(Duration rawRetention, List<Rollup> rollups) {

    /** Keep raw points forever, no rollups. */
    public static final MetricPolicy KEEP_FOREVER = new MetricPolicy(Duration.ZERO, List.of());

    public MetricPolicy {
        if (rawRetention == null || rawRetention.isNegative()) {
            throw new InvalidArgumentException("raw retention must be zero (forever) or positive, was " + rawRetention);
        }
        if (rollups == null || rollups.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("rollups must not be null");
        }
        rollups = List.copyOf(rollups);
        Set<Duration> widths = new HashSet<>();
        for (Rollup rollup : rollups) {
            if (!widths.add(rollup.width())) {
                throw new InvalidArgumentException("two rollups with the same width " + rollup.width());
            }
        }
    }

    public static MetricPolicy retainFor(Duration rawRetention, Rollup... rollups) {
        return new MetricPolicy(rawRetention, List.of(rollups));
    }

    /** Whether raw points are kept forever. */
    public boolean keepsRawForever() {
        return rawRetention.isZero();
    }
}
