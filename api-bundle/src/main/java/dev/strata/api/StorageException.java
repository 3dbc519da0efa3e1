package dev.strata.api;

/**
 * Root of every error Strata reports. Unchecked so that it passes through lambdas
 * ({@code store.inTransaction(tx -> ...)}); callers that can act catch a subclass:
 * {@link ConflictException} (retry), {@link StoreUnavailableException} (wait for the backend),
 * {@link InvalidArgumentException} (fix the input), and so on.
 * <p>
 * An operation that fails with a {@code StorageException} has changed nothing, unless the subclass says otherwise.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
