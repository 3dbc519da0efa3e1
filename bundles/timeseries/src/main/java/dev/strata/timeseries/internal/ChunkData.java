package dev.strata.timeseries.internal;

/**
 * Decoded samples of one chunk: {@code count} timestamps in ascending order and, per column, one value each.
 * Arrays may be longer than {@code count}.
 */
record ChunkData(long[] timestamps, double[][] columns, int count) {

    /** The single value column of a raw chunk. */
    double[] values() {
        return columns[0];
    }
}
