package dev.strata.api.document;

import java.util.Map;

import dev.strata.api.Store;

import org.osgi.annotation.versioning.ProviderType;

/** The document layer as an OSGi service: the documents of any {@link Store}, and JSON parsing for callers. */
@ProviderType
public interface DocumentService {

    /** The collections kept in the store (its keys under {@link DocumentStore#KEY_PREFIX}). */
    DocumentStore documents(Store store);

    /**
     * Parses JSON text into the plain values a {@link Document} holds (maps, lists, strings, numbers, booleans, null).
     *
     * @throws InvalidDocumentException when the text is not JSON
     */
    Object parseJson(String json);

    /** Parses a JSON object, such as a filter or a patch. */
    @SuppressWarnings("unchecked")
    default Map<String, Object> parseJsonObject(String json) {
        Object value = parseJson(json);
        if (!(value instanceof Map)) {
            throw new InvalidDocumentException("expected a JSON object, got: " + Document.abbreviate(json));
        }
        return (Map<String, Object>) value;
    }
}
