package dev.strata.api.document;

import java.util.Map;
import java.util.Objects;

/**
 * One merge patch of a {@code BatchUpdate} ({@link DocumentOperations#updateAll}).
 *
 * @param expectedVersion the version read, or {@link DocumentOperations#ANY_VERSION}
 */
public record DocumentPatch(String id, Map<String, Object> patch, long expectedVersion) {
    public DocumentPatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patch, "patch");
    }

    public static DocumentPatch of(String id, Map<String, Object> patch) {
        return new DocumentPatch(id, patch, DocumentOperations.ANY_VERSION);
    }
}
