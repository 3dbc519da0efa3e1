package dev.strata.api.document;

import dev.strata.api.StorageException;

/**
 * Optimistic concurrency: the document's version is not the one the caller expected (someone wrote it since it was
 * read). Nothing was written. It is not a {@link dev.strata.api.ConflictException}, because running the same work
 * again cannot succeed: the caller must read the document again and decide.
 */
public class VersionConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    public VersionConflictException(String message, long expected, long actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
