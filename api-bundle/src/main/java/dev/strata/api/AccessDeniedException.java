package dev.strata.api;

/**
 * The caller's role does not allow the operation. Nothing was changed.
 */
public class AccessDeniedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }

    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
