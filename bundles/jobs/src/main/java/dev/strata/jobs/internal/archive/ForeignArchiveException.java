package dev.strata.jobs.internal.archive;

import dev.strata.api.InvalidArgumentException;

/** The file is not a Strata archive at all (wrong magic). */
public class ForeignArchiveException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public ForeignArchiveException(String message) {
        super(message);
    }
}
