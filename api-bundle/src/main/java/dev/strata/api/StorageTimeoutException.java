package dev.strata.api;

/**
 * The operation did not complete within its time limit (waiting for a lock, a transaction slot or the backend). Nothing was changed.
 */
public class StorageTimeoutException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageTimeoutException(String message) {
        super(message);
    }

    public StorageTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
