package dev.strata.core.internal.metrics;

import java.util.Locale;

/** The kinds of operation core measures on every engine, at the SPI boundary. */
public enum Operation {
    GET, PUT, DELETE, SCAN, COMMIT, ROLLBACK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
