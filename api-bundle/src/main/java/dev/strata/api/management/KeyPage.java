package dev.strata.api.management;

import java.util.List;

/**
 * A page of keys in key order ({@link DataBrowserMXBean#listKeys}).
 *
 * @param entries the page, in key order
 * @param next    pass as {@code after} to get the next page; empty when this is the last page
 */
public record KeyPage(List<KeyEntry> entries, String next) {

    public KeyPage {
        entries = entries == null ? List.of() : List.copyOf(entries);
        next = next == null ? "" : next;
    }

    public boolean hasMore() {
        return !next.isEmpty();
    }
}
