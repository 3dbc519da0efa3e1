package dev.strata.api.document;

import java.util.Objects;

/** One sort key: a dotted path, ascending or descending. Ties are broken by id. */
public record SortField(String path, boolean descending) {
    public SortField {
        Objects.requireNonNull(path, "path");
    }

    public static SortField asc(String path) {
        return new SortField(path, false);
    }

    public static SortField desc(String path) {
        return new SortField(path, true);
    }
}
