package dev.strata.jobs.internal.archive;

import dev.strata.api.CorruptionException;

/**
 * An archive failed a check: a checksum, an authentication tag, the chunk order, the manifest's counts or digest.
 * Names the chunk ({@code -1} for the header, manifest or trailer), the file and the byte offset.
 */
public class ArchiveCorruptException extends CorruptionException {
    private static final long serialVersionUID = 1L;

    private final long chunk;

    public ArchiveCorruptException(String message, long chunk, String file, long offset) {
        this(message, chunk, file, offset, null);
    }

    public ArchiveCorruptException(String message, long chunk, String file, long offset, Throwable cause) {
        super(message, file, offset, cause);
        this.chunk = chunk;
    }

    /** The damaged chunk's index, or {@code -1} when the damage is outside the data chunks. */
    public long chunk() {
        return chunk;
    }
}
