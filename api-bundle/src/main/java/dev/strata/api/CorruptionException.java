package dev.strata.api;

import java.util.Optional;

/**
 * Stored data failed a check (checksum, authentication tag, structure). Names the file and byte offset where the
 * damage was found, so an operator can restore or repair it. A store that meets corruption outside the log tail
 * opens read-only instead of refusing to start.
 */
public class CorruptionException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    /**
     * @param file   the damaged file (may be {@code null} for an engine without files)
     * @param offset the byte offset of the damaged record or block, or {@code -1} when unknown
     */
    public CorruptionException(String message, String file, long offset) {
        this(message, file, offset, null);
    }

    public CorruptionException(String message, String file, long offset, Throwable cause) {
        super(describe(message, file, offset), cause);
        this.file = file;
        this.offset = offset;
    }

    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The byte offset of the damage, or {@code -1} when unknown. */
    public long offset() {
        return offset;
    }

    private static String describe(String message, String file, long offset) {
        if (file == null) {
            return message;
        }
        return offset >= 0 ? message + " (" + file + " at offset " + offset + ")" : message + " (" + file + ")";
    }
}
