package dev.strata.api.timeseries;

import java.time.Duration;

import dev.strata.api.InvalidArgumentException;

/**
 * A continuous aggregate of a metric: count, sum, min and max of the raw points per bucket of {@code width},
 * maintained in the same transaction as each append and kept for {@code retention} (zero: forever), independently
 * of the raw data's retention. The width must be whole milliseconds that divide two hours evenly (1s, 10s, 1m,
 * 5m, 15m, 1h, 2h, ...), so that a bucket never spans two raw chunks.
 */
public record Rollup(Duration width, Duration retention) {

    /** The raw chunk window a rollup bucket must fit in. */
    public static final Duration MAX_WIDTH = Duration.ofHours(2);

    public Rollup {
        if (width == null || retention == null) {
            throw new InvalidArgumentException("rollup needs a width and a retention");
        }
        long millis = width.toMillis();
        if (millis <= 0 || !width.equals(Duration.ofMillis(millis)) || MAX_WIDTH.toMillis() % millis != 0) {
            throw new InvalidArgumentException("rollup width must be whole milliseconds dividing 2h evenly (like 1m, "
                    + "5m, 1h); was " + width);
        }
        if (retention.isNegative()) {
            throw new InvalidArgumentException("rollup retention must not be negative, was " + retention);
        }
    }

    public static Rollup of(Duration width, Duration retention) {
        return new Rollup(width, retention);
    }
}
