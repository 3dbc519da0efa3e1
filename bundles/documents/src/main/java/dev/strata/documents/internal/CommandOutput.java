package dev.strata.documents.internal;

import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.SearchHit;

/** Text the shell commands print. */
final class CommandOutput {

    private CommandOutput() {
    }

    /** Runs a command; a Strata error becomes one line starting with {@code error: }. */
    static String run(java.util.function.Supplier<String> command) {
        try {
            return command.get();
        } catch (dev.strata.api.StorageException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "error: " + message.replaceAll("\\s*\\R\\s*", " ");
        }
    }

    /** Creates an index of kind value, unique or text and waits until it is built. */
    static String createIndex(dev.strata.api.document.DocumentCollection collection, String name, String fields,
            String kind) {
        if (!List.of("value", "unique", "text").contains(kind)) {
            throw new InvalidArgumentException("index kind must be value, unique or text, was '" + kind + "'");
        }
        collection.createIndex(new dev.strata.api.document.IndexDefinition(name, List.of(fields.split(",")),
                kind.equals("unique"), kind.equals("text") ? dev.strata.api.document.IndexType.TEXT
                        : dev.strata.api.document.IndexType.VALUE));
        return "index " + name + " " + collection.awaitIndex(name, java.time.Duration.ofSeconds(60)).state();
    }

    static long parseLimit(String limit) {
        try {
            long value = Long.parseLong(limit.trim());
            if (value < 1 || value > 10_000) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("limit must be a number from 1 to 10000, was '" + limit + "'");
        }
    }

    static String documents(DocumentCursor cursor) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        try (cursor) {
            while (cursor.hasNext()) {
                out.append(cursor.next().toJson()).append('\n');
                count++;
            }
        }
        return out.append("(").append(count).append(count == 1 ? " document)" : " documents)").toString();
    }

    static String entries(dev.strata.api.document.JsonEntryCursor cursor) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        try (cursor) {
            while (cursor.hasNext()) {
                var entry = cursor.next();
                out.append(entry.key()).append("  ").append(entry.valueJson()).append('\n');
                count++;
            }
            out.append("(").append(count).append(count == 1 ? " entry" : " entries");
            if (cursor.skippedValues() > 0) {
                out.append("; ").append(cursor.skippedValues()).append(" values that are not JSON objects skipped");
            }
        }
        return out.append(")").toString();
    }

    static String indexes(List<IndexInfo> indexes) {
        if (indexes.isEmpty()) {
            return "(no indexes)";
        }
        StringBuilder out = new StringBuilder(String.format("%-20s %-6s %-7s %-11s %s%n", "NAME", "TYPE", "UNIQUE",
                "STATE", "FIELDS"));
        for (IndexInfo index : indexes) {
            out.append(String.format("%-20s %-6s %-7s %-11s %s%s%n", index.name(), index.definition().type(),
                    index.definition().unique() ? "yes" : "no", index.state(),
                    String.join(",", index.definition().fields()), index.message().isEmpty() ? "" : "  " + index.message()));
        }
        return out.toString().stripTrailing();
    }

    static String keyValueIndexes(List<dev.strata.api.document.KeyValueIndex> indexes) {
        if (indexes.isEmpty()) {
            return "(no key-value indexes)";
        }
        StringBuilder out = new StringBuilder(String.format("%-20s %-11s %-20s %s%n", "NAME", "STATE", "PATTERN", "FIELDS"));
        for (var index : indexes) {
            out.append(String.format("%-20s %-11s %-20s %s%n", index.name(), index.state(), index.pattern(),
                    String.join(",", index.fields())));
        }
        return out.toString().stripTrailing();
    }

    static String hits(List<SearchHit> hits) {
        StringBuilder out = new StringBuilder();
        for (SearchHit hit : hits) {
            out.append(String.format("%8.4f  %s%n", hit.score(), hit.document().toJson()));
        }
        return out.append("(").append(hits.size()).append(" hits)").toString();
    }
}
