package dev.strata.api.document;

import dev.strata.api.NotFoundException;

/** A replace or update named a document that does not exist. */
public class DocumentNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    public DocumentNotFoundException(String message) {
        super(message);
    }
}
