package dev.strata.api.management;

import java.util.List;

/**
 * A key-value index of a store: the JSON values of the keys a glob selects, indexed by some paths (since 0.7).
 *
 * @param name    its name
 * @param pattern the keys indexed, as a glob ({@code users.*})
 * @param fields  the indexed paths, in order
 * @param state   {@code WRITE_ONLY} (building) or {@code READABLE}
 */
public record DocumentKeyValueIndexInfo(String name, String pattern, List<String> fields, String state) {

    public DocumentKeyValueIndexInfo {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
