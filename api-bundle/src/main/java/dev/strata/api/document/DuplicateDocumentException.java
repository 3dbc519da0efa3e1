package dev.strata.api.document;

import dev.strata.api.InvalidArgumentException;

/** An insert gave an id that another document of the collection already has; nothing was written. */
public class DuplicateDocumentException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public DuplicateDocumentException(String message) {
        super(message);
    }
}
