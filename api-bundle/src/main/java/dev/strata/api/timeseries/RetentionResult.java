package dev.strata.api.timeseries;

/**
 * What one retention pass removed.
 *
 * @param rawChunks    raw chunks dropped (each holds one series' points of one two-hour window)
 * @param rollupChunks rollup chunks dropped
 */
public record RetentionResult(long rawChunks, long rollupChunks) {
}
