package dev.strata.api.document;

import dev.strata.api.InvalidArgumentException;

/** A document (or JSON text) was refused before anything was written: malformed JSON, an unsupported value, an id outside the allowed characters, a document over the size limit. */
public class InvalidDocumentException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidDocumentException(String message) {
        super(message);
    }
}
