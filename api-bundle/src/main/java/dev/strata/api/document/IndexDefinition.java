package dev.strata.api.document;

import java.util.List;
import java.util.Objects;

import dev.strata.api.InvalidArgumentException;

/**
 * An index on one or more dotted paths.
 *
 * @param name   unique in the collection, {@code [A-Za-z0-9_.-]{1,64}}
 * @param fields the paths, most significant first (for {@link IndexType#TEXT}: the string fields searched)
 * @param unique refuse a second document with the same values (documents missing a field are not indexed by a
 *               unique index, so any number of them may exist)
 * @param type   value or text
 */
public record IndexDefinition(String name, List<String> fields, boolean unique, IndexType type) {

    public IndexDefinition {
        Objects.requireNonNull(type, "type");
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidArgumentException("index name must match [A-Za-z0-9_.-]{1,64}, was '" + name + "'");
        }
        if (fields == null || fields.isEmpty() || fields.size() > 8) {
            throw new InvalidArgumentException("index '" + name + "' needs 1 to 8 fields");
        }
        fields = List.copyOf(fields);
        for (String field : fields) {
            if (field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")
                    || field.startsWith("$") || Document.ID_FIELD.equals(field)) {
                throw new InvalidArgumentException("index '" + name + "': '" + field + "' is not an indexable path");
            }
        }
        if (unique && type == IndexType.TEXT) {
            throw new InvalidArgumentException("index '" + name + "': a text index cannot be unique");
        }
    }

    public static IndexDefinition of(String name, String... fields) {
        return new IndexDefinition(name, List.of(fields), false, IndexType.VALUE);
    }

    public static IndexDefinition unique(String name, String... fields) {
        return new IndexDefinition(name, List.of(fields), true, IndexType.VALUE);
    }

    public static IndexDefinition text(String name, String... fields) {
        return new IndexDefinition(name, List.of(fields), false, IndexType.TEXT);
    }
}
