package dev.strata.api.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyPattern;

/**
 * A query over plain key-value entries whose values are JSON objects: the keys a glob selects
 * ({@link KeyPattern}: {@code users.*}), filtered with the same language as {@link Query} (MongoDB's operators,
 * dotted paths, arrays matching by element), sorted, limited and projected. In filters and sorts, {@code _id} names
 * the entry's key. The seeds' {@code storage.query('users.*', {filter: {active: true}, limit: 10})} is
 *
 * <pre>{@code
 * documents.query(store, KeyValueQuery.of("users.*").where(Map.of("active", true)).limit(10))
 * }</pre>
 *
 * @param pattern    the keys to read, as a glob; its literal start bounds the scan
 * @param filter     the filter; empty matches every entry holding a JSON object
 * @param sort       sort keys; without any, entries come in key order (ties are broken by key)
 * @param skip       matches to pass over first
 * @param limit      at most this many matches; 0 means no limit
 * @param projection dotted paths to keep of each value; empty keeps the whole value
 * @param after      a continuation token from {@link JsonEntryCursor#continuation()} (since 0.3): the results start
 *                   strictly after the entry it names, in the order it was made for; {@code null} from the start
 */
public record KeyValueQuery(String pattern, Map<String, Object> filter, List<SortField> sort, long skip, long limit,
        List<String> projection, String after) {

    /** A query from the start (the form before continuation tokens). */
    public KeyValueQuery(String pattern, Map<String, Object> filter, List<SortField> sort, long skip, long limit,
            List<String> projection) {
        this(pattern, filter, sort, skip, limit, projection, null);
    }

    public KeyValueQuery {
        KeyPattern.compile(pattern); // refuses a null, empty or malformed glob
        filter = filter == null ? Map.of() : filter;
        sort = sort == null ? List.of() : List.copyOf(sort);
        projection = projection == null ? List.of() : List.copyOf(projection);
        if (skip < 0 || limit < 0) {
            throw new InvalidArgumentException("skip and limit must not be negative, were " + skip + " and " + limit);
        }
    }

    /** Every JSON object under the pattern, in key order. */
    public static KeyValueQuery of(String pattern) {
        return new KeyValueQuery(pattern, Map.of(), List.of(), 0, 0, List.of(), null);
    }

    public KeyValueQuery where(Map<String, Object> newFilter) {
        return new KeyValueQuery(pattern, newFilter, sort, skip, limit, projection, after);
    }

    /** Sort keys as paths; a leading {@code -} means descending. */
    public KeyValueQuery sortBy(String... paths) {
        List<SortField> fields = new ArrayList<>();
        for (String path : paths) {
            fields.add(path.startsWith("-") ? SortField.desc(path.substring(1)) : SortField.asc(path));
        }
        return new KeyValueQuery(pattern, filter, fields, skip, limit, projection, after);
    }

    public KeyValueQuery skip(long count) {
        return new KeyValueQuery(pattern, filter, sort, count, limit, projection, after);
    }

    public KeyValueQuery limit(long count) {
        return new KeyValueQuery(pattern, filter, sort, skip, count, projection, after);
    }

    public KeyValueQuery project(String... paths) {
        return new KeyValueQuery(pattern, filter, sort, skip, limit, List.of(paths), after);
    }

    /** The same query continuing after the entry a token names ({@link JsonEntryCursor#continuation()}). */
    public KeyValueQuery after(String token) {
        return new KeyValueQuery(pattern, filter, sort, skip, limit, projection, token);
    }
}
