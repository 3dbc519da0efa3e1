package dev.strata.api.document;

import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyPattern;

/**
 * A secondary index over plain key-value entries holding JSON objects (since 0.3): the keys a glob selects, indexed
 * by the values of some paths in their JSON, like a collection's value index (one entry per array element, the
 * same order-preserving key encoding). It is kept in the writing transaction of every put and delete through the
 * store ({@link dev.strata.api.WriteHook}), and a {@link KeyValueQuery} with the same pattern uses it.
 *
 * @param name    unique among the store's key-value indexes: letters, digits, {@code _} and {@code -}
 * @param pattern the keys indexed, as a glob ({@code users.*})
 * @param fields  the indexed dotted paths, in key order
 * @param state   {@link IndexState#WRITE_ONLY} while it is built, then {@link IndexState#READABLE}
 */
public record KeyValueIndex(String name, String pattern, List<String> fields, IndexState state) {

    public KeyValueIndex {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new InvalidArgumentException("an index name is 1 to 100 letters, digits, '_' or '-', was '" + name + "'");
        }
        KeyPattern.compile(pattern);
        if (fields == null || fields.isEmpty()) {
            throw new InvalidArgumentException("index '" + name + "' needs at least one field");
        }
        fields = List.copyOf(fields);
        state = state == null ? IndexState.WRITE_ONLY : state;
    }

    /** A definition to create: its state is decided by the store. */
    public static KeyValueIndex of(String name, String pattern, String... fields) {
        return new KeyValueIndex(name, pattern, List.of(fields), IndexState.WRITE_ONLY);
    }
}
