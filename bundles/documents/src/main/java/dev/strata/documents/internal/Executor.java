package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.ReadOperations;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.Query;

/** Turns a plan into a tree of stages over one transaction's snapshot. */
final class Executor {

    /** A parsed query ready to plan. */
    record Prepared(Filter filter, Order order, Order.Resume resume, Query query) {
    }

    private Executor() {
    }

    static Prepared prepare(Query query) {
        Filter filter = FilterParser.parse(query.filter());
        Order order = query.sort().isEmpty() ? null : Order.of(query.sort());
        Order.Resume resume = query.after() == null ? null : Order.parseToken(query.after());
        if (resume != null) {
            if (resume.scope() != null) {
                throw new InvalidQueryException("the continuation token was made for a key-value query");
            }
            if (order != null && !order.equals(resume.order())) {
                throw new InvalidQueryException("the continuation token was made for another sort");
            }
            order = resume.order();
        }
        for (String path : query.projection()) {
            if (!Paths.isValid(path)) {
                throw new InvalidQueryException("'" + path + "' is not a valid projection path");
            }
        }
        return new Prepared(filter, order, resume, query);
    }

    /**
     * The paths the query reads (filter, order, projection), or null when it returns whole documents; for a count,
     * only the filter's.
     */
    static Set<String> neededPaths(Prepared prepared, boolean counting) {
        if (!counting && prepared.query().projection().isEmpty()) {
            return null;
        }
        Set<String> paths = new HashSet<>();
        Planner.paths(prepared.filter(), paths);
        if (!counting) {
            paths.addAll(prepared.query().projection());
            if (prepared.order() != null) {
                prepared.order().fields().forEach(field -> paths.add(field.path()));
            }
        }
        return paths;
    }

    /** The stages up to (not including) projection. */
    static Stage<DocumentRecord> build(ReadOperations tx, CollectionMeta meta, Prepared prepared, Planner.Plan plan,
            boolean window) {
        Stage<DocumentRecord> source;
        String afterId = null;
        if (plan.bounds().isEmpty()) {
            if (prepared.resume() != null && plan.sorted() && plan.order().fields().isEmpty()) {
                afterId = (String) prepared.resume().position().get(0);
            }
            source = new Stages.CollectionScan(tx, meta.uid(), plan.reverse(), afterId, prepared.filter());
        } else {
            Stage<Stages.IndexHit> hits;
            if (plan.union()) {
                List<Stages.IndexScan> scans = new ArrayList<>();
                for (IndexBounds bounds : plan.bounds()) {
                    scans.add(new Stages.IndexScan(tx, bounds, false));
                }
                hits = new Stages.Union(scans);
            } else {
                hits = new Stages.IndexScan(tx, plan.bounds().get(0), plan.reverse());
            }
            source = plan.covering() ? new IndexOnly(tx, meta.uid(), hits, plan.covered(), "covering "
                    + String.join(", ", plan.bounds().stream().map(b -> b.index().name()
                            + (b.index().multikey() ? " (multikey)" : "")).distinct().toList()))
                    : new Stages.Fetch(tx, meta.uid(), hits);
        }
        Stage<DocumentRecord> stage = prepared.filter() == Filter.ALL ? source
                : new Stages.FilterStage(source, prepared.filter(), () -> Json.write(prepared.query().filter()));
        if (prepared.resume() != null) {
            stage = new Stages.After(stage, plan.order(), prepared.resume().position());
        }
        Query query = prepared.query();
        if (!plan.sorted()) {
            long bound = query.limit() > 0 ? query.skip() + query.limit() : 0;
            stage = new Stages.Sort(stage, plan.order(), window ? bound : 0);
        }
        if (window && (query.skip() > 0 || query.limit() > 0)) {
            stage = new Stages.Window(stage, query.skip(), query.limit());
        }
        return stage;
    }

    static Map<String, Object> project(DocumentRecord record, Query query) {
        return query.projection().isEmpty() ? record.content() : Stages.project(record.content(), query.projection());
    }
}
