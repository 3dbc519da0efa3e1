package dev.strata.management.internal.shell;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Scan;
import dev.strata.api.Store;

/** The output of {@code strata:scan}: one {@code key = value} line per entry, then a count line. */
final class ScanListing {

    private ScanListing() {
    }

    /**
     * Lists the entries whose keys match the glob, up to the limit. Asks the store for one entry more than the
     * limit, to tell "exactly the limit" from "stopped at the limit".
     *
     * @throws InvalidArgumentException for an invalid pattern
     */
    static String list(Store store, String pattern, int limit) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        boolean more = false;
        try (EntryCursor cursor = store.scan(Scan.pattern(pattern).limit(limit + 1L))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                if (count == limit) {
                    more = true;
                    break;
                }
                out.append(ValueFormatter.escape(entry.key())).append(" = ")
                        .append(ValueFormatter.oneLine(entry.value())).append('\n');
                count++;
            }
        }
        out.append(count).append(count == 1 ? " entry" : " entries");
        return more ? out.append(" (limit reached)").toString() : out.toString();
    }

    /**
     * @throws InvalidArgumentException unless the text is a whole number of at least 1
     */
    static int parseLimit(String text) {
        try {
            int limit = Integer.parseInt(text == null ? "" : text.trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a number below 1
        }
        throw new InvalidArgumentException("limit must be a whole number from 1 to " + Integer.MAX_VALUE
                + ", was '" + text + "'");
    }
}
