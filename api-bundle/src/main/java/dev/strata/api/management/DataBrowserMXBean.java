package dev.strata.api.management;

/**
 * A console's view into a store's data ({@code dev.strata:type=DataBrowser}): pages of keys by pattern that never
 * load a whole store, one value at a time, and edits. Reading needs role {@code monitor}; {@link #putValue} and
 * {@link #deleteValue} change data and need role {@code admin}. Errors are the typed storage errors' messages
 * (an unknown store, a store that is not online, a malformed pattern).
 */
public interface DataBrowserMXBean {

    /**
     * Up to {@code limit} keys matching a glob pattern ({@code users.*}; {@code *} for all), in key order, starting
     * after {@code after} (empty for the first page).
     *
     * @param limit 1 to 1000
     */
    KeyPage listKeys(String store, String pattern, String after, int limit);

    /** The value of a key, at most {@code maxBytes} of it (1 to 16 MiB). */
    ValueView getValue(String store, String key, int maxBytes);

    /**
     * Writes a value.
     *
     * @param encoding how {@code value} is given: {@code text} (UTF-8), {@code base64} or {@code hex}
     */
    void putValue(String store, String key, String value, String encoding);

    /** Deletes a key; returns whether it existed. */
    boolean deleteValue(String store, String key);
}
