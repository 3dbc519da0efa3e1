package dev.strata.api.document;

import java.util.List;

import dev.strata.api.InvalidArgumentException;

/**
 * A full-text query: words (any may match; more matches and rarer words rank higher), {@code "quoted phrases"} (the
 * words in order, next to each other) and {@code prefix*} terms.
 *
 * @param text   the query text
 * @param fields the text-indexed fields to search; empty searches all of them
 * @param limit  at most this many hits (1 to 10,000)
 */
public record TextQuery(String text, List<String> fields, int limit) {
    public TextQuery {
        if (text == null || text.isBlank()) {
            throw new InvalidArgumentException("search text must not be empty");
        }
        if (limit < 1 || limit > 10_000) {
            throw new InvalidArgumentException("search limit must be 1 to 10000, was " + limit);
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static TextQuery of(String text) {
        return new TextQuery(text, List.of(), 20);
    }

    public TextQuery limit(int max) {
        return new TextQuery(text, fields, max);
    }

    public TextQuery fields(String... names) {
        return new TextQuery(text, List.of(names), limit);
    }
}
