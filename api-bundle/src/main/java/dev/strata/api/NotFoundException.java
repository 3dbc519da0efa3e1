package dev.strata.api;

/**
 * A named thing (a store, a backend, a job) does not exist. Absent keys are not errors: {@code get} returns an empty {@code Optional}.
 */
public class NotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
