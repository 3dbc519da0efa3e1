package dev.strata.api;

/**
 * A write-write conflict: another transaction committed a change to a key this transaction also wrote, after this transaction's snapshot was taken. The transaction was rolled back; {@link Store#inTransaction} retries it automatically.
 */
public class ConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
