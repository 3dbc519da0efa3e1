package dev.strata.api;

/**
 * The encryption key or passphrase does not match the data. Refused before any data was decrypted or returned.
 */
public class WrongKeyException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    public WrongKeyException(String message) {
        super(message);
    }

    public WrongKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
