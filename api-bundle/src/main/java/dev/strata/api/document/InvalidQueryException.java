package dev.strata.api.document;

import dev.strata.api.InvalidArgumentException;

/** A filter, sort or projection was refused: an unknown operator, an operand of the wrong type, a malformed regular expression. */
public class InvalidQueryException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }
}
