package dev.strata.api;

import java.util.Objects;

/**
 * One committed change of one key, as a {@link ChangeListener} receives it.
 *
 * @param store    the store's name
 * @param key      the key written
 * @param kind     whether the commit left the key with a value ({@link Kind#PUT}) or without ({@link Kind#DELETE})
 * @param sequence the commit's sequence ({@link Transaction#commit()}): changes of one store arrive in ascending
 *                 sequence order; several changes of one commit share it, so {@code (sequence, key)} identifies a
 *                 change and lets a listener drop a duplicate. In a {@link ChangePage} read from the store's
 *                 change feed it is the commit's feed position instead ({@link Store#changesAfter}).
 */
public record Change(String store, String key, Kind kind, long sequence) {

    public enum Kind {
        PUT, DELETE
    }

    public Change {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
    }
}
