package dev.strata.jobs.internal.work;

import dev.strata.api.InvalidArgumentException;

/** A restore was asked to write into a store that holds keys, without the overwrite flag. Nothing was written. */
public class TargetNotEmptyException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public TargetNotEmptyException(String message) {
        super(message);
    }
}
