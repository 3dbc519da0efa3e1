package dev.strata.api.document;

import dev.strata.api.NotFoundException;

/** An index hint, a drop or a search named an index the collection does not have (or that is not yet readable). */
public class IndexNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    public IndexNotFoundException(String message) {
        super(message);
    }
}
