package dev.strata.management.internal.metrics;

import java.util.Arrays;
import java.util.Optional;

/** The figures the runtime keeps a history of, and how a minute of them is summarised. */
public enum Figure {
    KEYS("keys", Rollup.LAST),
    DISK_BYTES("diskBytes", Rollup.LAST),
    WAL_BYTES("walBytes", Rollup.LAST),
    MEMORY_BYTES("memoryBytes", Rollup.LAST),
    CACHE_HIT_RATE("cacheHitRate", Rollup.MEAN),
    OPERATIONS_PER_SECOND("operationsPerSecond", Rollup.MEAN),
    ERRORS_PER_SECOND("errorsPerSecond", Rollup.MEAN),
    GET_P99("getP99Micros", Rollup.MAX),
    PUT_P99("putP99Micros", Rollup.MAX),
    COMMIT_P99("commitP99Micros", Rollup.MAX);

    /** How the seconds of a minute become one value: sizes keep their last, rates their mean, tails their worst. */
    enum Rollup { LAST, MEAN, MAX }

    private final String label;
    private final Rollup rollup;

    Figure(String label, Rollup rollup) {
        this.label = label;
        this.rollup = rollup;
    }

    public String label() {
        return label;
    }

    Rollup rollup() {
        return rollup;
    }

    public static Optional<Figure> byLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }
}
