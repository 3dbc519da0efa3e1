package dev.strata.api.management;

/**
 * How a store is doing, as health checks, JMX and the console report it, always with a one-line reason.
 * {@link #HEALTHY}: online and within every threshold. {@link #DEGRADED}: serving, but something needs an operator
 * (read-only after a failure, disk nearly full, the WAL past its threshold, errors above their rate, served by its
 * fallback). {@link #DOWN}: not serving (backend missing, engine unavailable, open failed).
 */
public enum StoreHealth {
    HEALTHY,
    DEGRADED,
    DOWN
}
