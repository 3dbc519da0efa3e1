package dev.strata.jobs.internal.archive;

import dev.strata.api.InvalidArgumentException;

/**
 * The configured archive chunk size is over what the archive format holds in one chunk ({@link
 * ArchiveWriter#MAX_CHUNK_BYTES}, what a reader accepts): a backup or cold archive with it would fill its first chunk
 * up to the cap and then fail, after reading the store that far. Raised when such a job is submitted, before anything
 * is queued or written.
 */
public class ChunkSizeException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public ChunkSizeException(String message) {
        super(message);
    }
}
