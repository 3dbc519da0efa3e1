package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.document.Document;

import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.SortField;

/**
 * Chooses how a query reads: a collection scan, one index scan, or a union of index scans for a top-level
 * {@code $or}. Among the readable value indexes it scores each by what its bounds use (equality fields, then one range)
 * and whether its key order serves the requested sort; a hint forces an index. The full filter always runs on the
 * fetched documents, so a plan only decides how much is read, never what matches.
 */
final class Planner {

    /**
     * A chosen plan.
     *
     * @param bounds  one index (INDEX_SCAN), several (UNION), or none (COLLECTION_SCAN)
     * @param reverse scan backwards
     * @param order   the order results must come in (null: any, as for count)
     * @param sorted  whether the source already yields that order (no SORT stage)
     * @param covered  the paths the query reads when the index entries hold every one of them, so no document is
     *                 fetched (a covering plan); null otherwise
     */
    record Plan(List<IndexBounds> bounds, boolean union, boolean reverse, Order order, boolean sorted,
            Set<String> covered) {

        Plan(List<IndexBounds> bounds, boolean union, boolean reverse, Order order, boolean sorted) {
            this(bounds, union, reverse, order, sorted, null);
        }

        boolean covering() {
            return covered != null;
        }
    }

    private Planner() {
    }

    /**
     * Like {@link #plan(CollectionMeta, Filter, Order, String, boolean)}, then makes an index plan covering when every
     * path the query reads is an indexed path of each index it scans.
     *
     * @param needed the paths the query reads (filter, sort, projection), or null when it needs whole documents
     */
    static Plan plan(CollectionMeta meta, Filter filter, Order requested, String hint, boolean ordered,
            Set<String> needed) {
        Plan plan = plan(meta, filter, requested, hint, ordered);
        if (needed == null || plan.bounds().isEmpty()
                || !plan.bounds().stream().allMatch(bounds -> covers(bounds.index(), needed))) {
            return plan;
        }
        return new Plan(plan.bounds(), plan.union(), plan.reverse(), plan.order(), plan.sorted(), Set.copyOf(needed));
    }

    /**
     * Whether the index's entries can stand in for its documents on these paths: every path needed is indexed, none
     * of them is one through which a document reached several values (its entries hold one element each, never the
     * array: a multikey index covers only its other paths), and no indexed path is a prefix of another (their values
     * would nest). Each entry still says per document whether a path's value is exact ({@link IndexEntryValue}).
     */
    static boolean covers(IndexMeta index, Set<String> needed) {
        List<String> fields = index.definition().fields();
        if (needed.stream().anyMatch(index.arrayFields()::contains)) {
            return false;
        }
        for (String a : fields) {
            for (String b : fields) {
                if (!a.equals(b) && b.startsWith(a + ".")) {
                    return false;
                }
            }
        }
        return needed.stream().allMatch(path -> path.equals(Document.ID_FIELD) || fields.contains(path));
    }

    /** Every path a filter reads. */
    static void paths(Filter filter, Set<String> out) {
        if (filter instanceof Filter.Field field) {
            out.add(field.path());
        } else if (filter instanceof Filter.And and) {
            and.parts().forEach(part -> paths(part, out));
        } else if (filter instanceof Filter.Or or) {
            or.parts().forEach(part -> paths(part, out));
        } else if (filter instanceof Filter.Not not) {
            paths(not.inner(), out);
        }
    }

    /**
     * @param requested the order asked for (a sort or a continuation token's), or null when the caller takes the
     *                  plan's natural order
     * @param ordered   whether results need a deterministic order at all (false for count)
     */
    static Plan plan(CollectionMeta meta, Filter filter, Order requested, String hint, boolean ordered) {
        Map<String, List<Filter.Field>> predicates = predicates(filter);
        if (hint != null) {
            IndexMeta index = meta.index(hint).filter(i -> !i.isText() && i.state() == IndexState.READABLE)
                    .orElseThrow(() -> new IndexNotFoundException("collection '" + meta.name()
                            + "' has no readable value index '" + hint + "'"));
            return single(IndexBounds.of(meta.uid(), index, predicates), requested, ordered);
        }
        Plan best = null;
        int bestScore = 0;
        for (IndexMeta index : meta.indexes()) {
            if (index.isText() || index.state() != IndexState.READABLE) {
                continue;
            }
            IndexBounds bounds = IndexBounds.of(meta.uid(), index, predicates);
            boolean servesOrder = requested != null && !requested.fields().isEmpty() && serves(bounds, requested) != null;
            if (!bounds.bounded() && !(servesOrder && !index.definition().unique())) {
                continue;
            }
            int score = 4 * bounds.equalities() + (bounds.hasRange() ? 2 : 0) + (servesOrder ? 3 : 0)
                    + (index.definition().unique() && bounds.fixedFields() == index.definition().fields().size() ? 10 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = single(bounds, requested, ordered);
            }
        }
        if (best != null) {
            return best;
        }
        if (filter instanceof Filter.Or or) {
            Plan union = union(meta, or, requested, ordered);
            if (union != null) {
                return union;
            }
        }
        Order order = requested != null ? requested : ordered ? Order.BY_ID : null;
        boolean byIdOnly = order == null || order.fields().isEmpty();
        return new Plan(List.of(), false, order != null && order.idDescending() && byIdOnly, order, byIdOnly);
    }

    private static Plan single(IndexBounds bounds, Order requested, boolean ordered) {
        if (requested == null) {
            Order natural = natural(bounds);
            if (natural == null && ordered) {
                return new Plan(List.of(bounds), false, false, Order.BY_ID, false);
            }
            return new Plan(List.of(bounds), false, false, natural, true);
        }
        Boolean reverse = serves(bounds, requested);
        return new Plan(List.of(bounds), false, reverse != null && reverse, requested, reverse != null);
    }

    private static Plan union(CollectionMeta meta, Filter.Or or, Order requested, boolean ordered) {
        List<IndexBounds> branches = new ArrayList<>();
        for (Filter part : or.parts()) {
            Plan branch = plan(meta, part, null, null, false);
            if (branch.bounds().size() != 1 || branch.union()) {
                return null;
            }
            branches.add(branch.bounds().get(0));
        }
        Order order = requested != null ? requested : ordered ? Order.BY_ID : null;
        return new Plan(branches, true, false, order, order == null);
    }

    /** The order a forward scan of the index yields: its fields ascending, then the id (none when multikey). */
    private static Order natural(IndexBounds bounds) {
        if (bounds.index().multikey()) {
            return null;
        }
        List<SortField> fields = new ArrayList<>();
        for (String path : bounds.index().definition().fields()) {
            fields.add(SortField.asc(path));
        }
        return new Order(fields, false);
    }

    /**
     * Whether scanning the bounds yields the order: null if not, else whether backwards. Fields pinned to one value
     * are constant and drop out; the remaining index fields must be the remaining sort fields, in one direction that
     * the id shares.
     */
    static Boolean serves(IndexBounds bounds, Order order) {
        if (bounds.index().multikey()) {
            return null;
        }
        List<String> indexFields = bounds.index().definition().fields();
        List<String> pinned = indexFields.subList(0, bounds.fixedFields());
        List<String> rest = indexFields.subList(bounds.fixedFields(), indexFields.size());
        List<SortField> wanted = order.fields().stream().filter(f -> !pinned.contains(f.path())).toList();
        if (bounds.index().definition().unique() && rest.isEmpty()) {
            return order.idDescending(); // at most one document per point: any direction
        }
        if (wanted.size() != rest.size()) {
            return null;
        }
        boolean descending = order.idDescending();
        for (int i = 0; i < rest.size(); i++) {
            if (!wanted.get(i).path().equals(rest.get(i)) || wanted.get(i).descending() != descending) {
                return null;
            }
        }
        return descending;
    }

    /** The field predicates that every match satisfies: those of the top-level conjunction. */
    static Map<String, List<Filter.Field>> predicates(Filter filter) {
        if (filter instanceof Filter.Field field) {
            return Map.of(field.path(), List.of(field)); // one predicate, the common point query: no maps to grow
        }
        Map<String, List<Filter.Field>> byPath = new LinkedHashMap<>();
        collect(filter, byPath);
        return byPath;
    }

    private static void collect(Filter filter, Map<String, List<Filter.Field>> byPath) {
        if (filter instanceof Filter.Field field) {
            byPath.computeIfAbsent(field.path(), k -> new ArrayList<>()).add(field);
        } else if (filter instanceof Filter.And and) {
            and.parts().forEach(part -> collect(part, byPath));
        }
    }
}
