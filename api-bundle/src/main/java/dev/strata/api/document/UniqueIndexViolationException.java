package dev.strata.api.document;

import dev.strata.api.InvalidArgumentException;

/** A write would give a unique index a second document with the same values; nothing was written. */
public class UniqueIndexViolationException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public UniqueIndexViolationException(String message) {
        super(message);
    }
}
