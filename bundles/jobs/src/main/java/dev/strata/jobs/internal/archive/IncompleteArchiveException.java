package dev.strata.jobs.internal.archive;

/**
 * The archive ends before its manifest and trailer: a backup that never finished (its temporary file) or a truncated
 * copy. Never a good result.
 */
public class IncompleteArchiveException extends ArchiveCorruptException {
    private static final long serialVersionUID = 1L;

    public IncompleteArchiveException(String message, long chunk, String file, long offset) {
        super(message, chunk, file, offset);
    }
}
