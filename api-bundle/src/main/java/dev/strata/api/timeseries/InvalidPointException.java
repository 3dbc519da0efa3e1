package dev.strata.api.timeseries;

import dev.strata.api.InvalidArgumentException;

/**
 * A point, metric or tag was rejected before anything was written: a malformed metric or tag name, an empty or
 * oversized tag value, too many tags, a series key too long to store. The message names the offending part.
 */
public class InvalidPointException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPointException(String message) {
        super(message);
    }
}
