package dev.strata.api.timeseries;

import dev.strata.api.InvalidArgumentException;

/**
 * A point is older than what its series still keeps: its time window is past the metric's raw retention, or that
 * window's raw data was already dropped. Accepting it would re-create raw data that retention removed and would
 * overwrite the rollup buckets computed from the dropped points, so it is refused; nothing of the batch was written.
 */
public class OutOfRetentionException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public OutOfRetentionException(String message) {
        super(message);
    }
}
