package dev.strata.api.document;

import java.util.List;

/** A document breaks the collection's schema; {@link #violations()} lists every reason. Nothing was written. */
public class SchemaViolationException extends InvalidDocumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    public SchemaViolationException(String message, List<String> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
