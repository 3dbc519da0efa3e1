package dev.strata.api.document;

import dev.strata.api.InvalidArgumentException;

/** A collection of that name already exists. */
public class CollectionExistsException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public CollectionExistsException(String message) {
        super(message);
    }
}
