package dev.strata.api.document;

import dev.strata.api.NotFoundException;

/** The named collection does not exist (or was dropped). */
public class CollectionNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    public CollectionNotFoundException(String message) {
        super(message);
    }
}
