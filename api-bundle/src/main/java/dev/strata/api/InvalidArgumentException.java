package dev.strata.api;

/**
 * The input was rejected before anything was changed: a null or empty key, a key or value over the size limit, a malformed pattern or range, a bad configuration value.
 */
public class InvalidArgumentException extends StorageException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
