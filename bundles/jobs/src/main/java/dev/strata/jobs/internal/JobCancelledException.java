package dev.strata.jobs.internal;

import dev.strata.api.StorageException;

/** Thrown at a chunk boundary when the job was asked to stop; the job removes what it made and ends CANCELLED. */
public class JobCancelledException extends StorageException {
    private static final long serialVersionUID = 1L;

    public JobCancelledException(String message) {
        super(message);
    }
}
