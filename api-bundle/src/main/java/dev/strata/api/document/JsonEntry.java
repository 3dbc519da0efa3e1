package dev.strata.api.document;

import java.util.Map;
import java.util.Objects;

/**
 * One key-value entry a {@link KeyValueQuery} matched: the key and its value parsed as a JSON object (projected when
 * the query has a projection).
 *
 * @param key   the entry's key
 * @param value the value, unmodifiable, in the plain values a {@link Document} holds
 */
public record JsonEntry(String key, Map<String, Object> value) {

    public JsonEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The value as compact JSON text. */
    public String valueJson() {
        StringBuilder out = new StringBuilder();
        JsonText.write(value, out);
        return out.toString();
    }
}
