package dev.strata.api;

/**
 * The write would take the store past a configured limit (memory, disk or size of a single value). Nothing was changed.
 */
public class QuotaExceededException extends StorageException {
    private static final long serialVersionUID = 1L;

    public QuotaExceededException(String message) {
        super(message);
    }

    public QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
