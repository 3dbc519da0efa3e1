package dev.strata.api.timeseries;

import dev.strata.api.CorruptionException;

/**
 * A stored chunk, series entry or policy of the time-series layer cannot be decoded. {@link #file()} names the
 * store key that holds it (there is no file offset at this layer).
 */
public class TimeSeriesCorruptionException extends CorruptionException {
    private static final long serialVersionUID = 1L;

    public TimeSeriesCorruptionException(String message, String key) {
        super(message, key, -1);
    }

    public TimeSeriesCorruptionException(String message, String key, Throwable cause) {
        super(message, key, -1, cause);
    }
}
