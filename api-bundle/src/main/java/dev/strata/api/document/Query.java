package dev.strata.api.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;

/**
 * A query: a MongoDB-style filter ({@code $eq $ne $gt $gte $lt $lte $in $nin $exists $regex $and $or $not $nor}, dotted
 * paths into nested objects, arrays matching by element), sort keys, skip and limit, a projection, an optional index
 * hint and a continuation token. Refine with the {@code with...} methods:
 *
 * <pre>{@code
 * Query.where(Map.of("status", "open", "age", Map.of("$gte", 18))).sortBy("age").limit(20).project("name", "age")
 * }</pre>
 *
 * @param filter     the filter; empty matches every document
 * @param sort       sort keys, applied in order; ties (and an empty sort) are ordered by id
 * @param skip       documents to pass over first
 * @param limit      at most this many documents; 0 means no limit
 * @param projection dotted paths to keep (the id is always kept); empty keeps everything
 * @param hint       the name of the index the planner must use, or {@code null}
 * @param after      a continuation token from an earlier page of the same query, or {@code null}
 */
public record Query(Map<String, Object> filter, List<SortField> sort, long skip, long limit, List<String> projection,
        String hint, String after) {

    public Query {
        filter = filter == null ? Map.of() : filter;
        sort = sort == null ? List.of() : List.copyOf(sort);
        projection = projection == null ? List.of() : List.copyOf(projection);
        if (skip < 0 || limit < 0) {
            throw new InvalidArgumentException("skip and limit must not be negative, were " + skip + " and " + limit);
        }
    }

    /** Every document, in id order. */
    public static Query all() {
        return new Query(Map.of(), List.of(), 0, 0, List.of(), null, null);
    }

    public static Query where(Map<String, Object> filter) {
        return new Query(filter, List.of(), 0, 0, List.of(), null, null);
    }

    public Query withFilter(Map<String, Object> newFilter) {
        return new Query(newFilter, sort, skip, limit, projection, hint, after);
    }

    /** Sort keys as paths; a leading {@code -} means descending: {@code sortBy("-age", "name")}. */
    public Query sortBy(String... paths) {
        List<SortField> fields = new ArrayList<>();
        for (String path : paths) {
            fields.add(path.startsWith("-") ? SortField.desc(path.substring(1)) : SortField.asc(path));
        }
        return withSort(fields);
    }

    public Query withSort(List<SortField> newSort) {
        return new Query(filter, newSort, skip, limit, projection, hint, after);
    }

    public Query skip(long count) {
        return new Query(filter, sort, count, limit, projection, hint, after);
    }

    public Query limit(long count) {
        return new Query(filter, sort, skip, count, projection, hint, after);
    }

    public Query project(String... paths) {
        return new Query(filter, sort, skip, limit, List.of(paths), hint, after);
    }

    public Query hint(String indexName) {
        return new Query(filter, sort, skip, limit, projection, indexName, after);
    }

    /** Resumes after the position a {@link DocumentCursor#continuation()} or {@link Page#continuation()} names. */
    public Query after(String continuation) {
        return new Query(filter, sort, skip, limit, projection, hint, continuation);
    }
}
