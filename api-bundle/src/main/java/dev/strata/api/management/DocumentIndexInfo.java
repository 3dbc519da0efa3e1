package dev.strata.api.management;

import java.util.List;

/**
 * An index of a collection.
 *
 * @param name     its name
 * @param type     {@code VALUE} or {@code TEXT}
 * @param unique   whether it refuses two documents with the same values
 * @param fields   the indexed paths, in order
 * @param state    {@code WRITE_ONLY} (building), {@code READABLE} or {@code FAILED}
 * @param multikey whether some document has an array at an indexed path
 * @param message  why a build failed, empty otherwise
 */
public record DocumentIndexInfo(String name, String type, boolean unique, List<String> fields, String state,
        boolean multikey, String message) {

    public DocumentIndexInfo {
        fields = fields == null ? List.of() : List.copyOf(fields);
        message = message == null ? "" : message;
    }
}
