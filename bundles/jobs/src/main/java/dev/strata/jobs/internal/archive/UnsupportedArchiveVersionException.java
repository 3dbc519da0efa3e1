package dev.strata.jobs.internal.archive;

import dev.strata.api.InvalidArgumentException;

/** The archive was written in a format version newer than this runtime reads. */
public class UnsupportedArchiveVersionException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedArchiveVersionException(String message) {
        super(message);
    }
}
