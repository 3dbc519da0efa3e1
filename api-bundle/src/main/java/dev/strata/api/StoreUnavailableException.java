package dev.strata.api;

/**
 * The store exists but cannot serve requests now: its backend is not installed or is being replaced. Nothing was changed; retrying after the backend returns is safe.
 */
public class StoreUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
