package dev.strata.backend.file.internal.format;

/**
 * Bytes that do not parse as the structure they should hold. Internal: whoever knows the file and offset turns it
 * into a {@link dev.strata.api.CorruptionException}.
 */
public final class MalformedDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedDataException(String message) {
        super(message);
    }
}
