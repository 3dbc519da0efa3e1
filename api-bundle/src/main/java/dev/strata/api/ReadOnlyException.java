package dev.strata.api;

/**
 * A write was attempted where only reads are allowed: in a read-only transaction, or on a store that is in read-only (safe) mode after a failure. Nothing was changed.
 */
public class ReadOnlyException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String message) {
        super(message);
    }

    public ReadOnlyException(String message, Throwable cause) {
        super(message, cause);
    }
}
