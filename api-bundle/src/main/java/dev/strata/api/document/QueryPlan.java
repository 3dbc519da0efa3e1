package dev.strata.api.document;

import java.util.List;
import java.util.Objects;

/**
 * One stage of an executed plan, with its inputs as children. Stages: {@code COLLECTION_SCAN}, {@code INDEX_SCAN}
 * (details name the index and the key bounds), {@code UNION}, {@code FETCH}, {@code INDEX_ONLY} (a covering plan:
 * the index entries stand in for the documents, none is fetched), {@code FILTER}, {@code SORT}, {@code SKIP},
 * {@code LIMIT}, {@code PROJECTION}.
 *
 * @param stage         the stage name
 * @param details       what it does (index and bounds, filter, sort keys)
 * @param keysExamined  index or document keys this stage read from the store
 * @param docsExamined  documents this stage decoded
 * @param returned      results it passed up
 * @param children      its inputs
 */
public record QueryPlan(String stage, String details, long keysExamined, long docsExamined, long returned,
        List<QueryPlan> children) {

    public QueryPlan {
        Objects.requireNonNull(stage, "stage");
        details = details == null ? "" : details;
        children = List.copyOf(children);
    }

    /** Whether this stage or one below it is an index scan of that index. */
    public boolean usesIndex(String indexName) {
        return stage.equals("INDEX_SCAN") && details.startsWith(indexName + " ")
                || children.stream().anyMatch(child -> child.usesIndex(indexName));
    }

    /** Whether some stage of the tree has this name. */
    public boolean hasStage(String name) {
        return stage.equals(name) || children.stream().anyMatch(child -> child.hasStage(name));
    }

    /** Documents decoded by this stage and every stage below it (0 for a covering plan). */
    public long totalDocsExamined() {
        return docsExamined + children.stream().mapToLong(QueryPlan::totalDocsExamined).sum();
    }

    /** Keys read by this stage and every stage below it. */
    public long totalKeysExamined() {
        return keysExamined + children.stream().mapToLong(QueryPlan::totalKeysExamined).sum();
    }

    /** The tree as indented text, one stage a line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out, 0);
        return out.toString();
    }

    private void render(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append(stage);
        if (!details.isEmpty()) {
            out.append(' ').append(details);
        }
        out.append("  (keys ").append(keysExamined).append(", docs ").append(docsExamined)
                .append(", returned ").append(returned).append(")\n");
        for (QueryPlan child : children) {
            child.render(out, depth + 1);
        }
    }
}
