package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.strata.api.Transaction;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.DocumentNotFoundException;
import dev.strata.api.document.DocumentOperations;
import dev.strata.api.document.DocumentPatch;
import dev.strata.api.document.DuplicateDocumentException;
import dev.strata.api.document.InvalidDocumentException;
import dev.strata.api.document.Page;
import dev.strata.api.document.Query;
import dev.strata.api.document.QueryPlan;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;
import dev.strata.api.document.VersionConflictException;

/** The document operations inside one caller-owned transaction: nothing here commits. */
final class TxDocuments implements DocumentOperations {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:@+~-]{1,128}");

    private final CollectionContext context;
    private final Transaction tx;
    /** Whether the layer began {@code tx} itself on the context's store to read ({@link CollectionContext#meta}). */
    private final boolean ownRead;

    TxDocuments(CollectionContext context, Transaction tx) {
        this(context, tx, false);
    }

    TxDocuments(CollectionContext context, Transaction tx, boolean ownRead) {
        this.context = context;
        this.tx = tx;
        this.ownRead = ownRead;
    }

    @Override
    public String collectionName() {
        return context.name();
    }

    @Override
    public Document insert(Document document) {
        if (document == null) {
            throw new InvalidDocumentException("document must not be null");
        }
        CollectionMeta meta = meta();
        String id = document.id() == null ? generateId() : checkId(document.id());
        Map<String, Object> content = content(document.content());
        if (DocumentWriter.read(tx, meta, id).isPresent()) {
            throw new DuplicateDocumentException("collection '" + context.name() + "' already has a document '" + id + "'");
        }
        return DocumentWriter.write(tx, context, meta, null, id, content).toDocument();
    }

    @Override
    public Document insertJson(String json) {
        return insert(Document.of(Json.parseObject(json)));
    }

    @Override
    public Document insertObject(Object value) {
        if (value == null) {
            throw new InvalidDocumentException("value must not be null");
        }
        Map<String, Object> map = new LinkedHashMap<>(Json.fromObject(value));
        Object id = map.containsKey(Document.ID_FIELD) ? map.get(Document.ID_FIELD) : map.get("id");
        map.remove(Document.ID_FIELD);
        return insert(Document.of(id == null ? null : String.valueOf(id), map));
    }

    @Override
    public List<Document> insertAll(List<Document> documents) {
        List<Document> stored = new ArrayList<>();
        for (Document document : documents) {
            stored.add(insert(document));
        }
        return stored;
    }

    @Override
    public Optional<Document> get(String id) {
        CollectionMeta meta = meta();
        return DocumentWriter.read(tx, meta, checkId(id)).map(DocumentRecord::toDocument);
    }

    @Override
    public <T> Optional<T> get(String id, Class<T> type) {
        return get(id).map(document -> Json.toObject(document.toMap(), type));
    }

    @Override
    public Document replace(String id, Map<String, Object> content, long expectedVersion) {
        CollectionMeta meta = meta();
        DocumentRecord old = existing(meta, id, expectedVersion);
        return DocumentWriter.write(tx, context, meta, old, id, withoutId(id, content)).toDocument();
    }

    @Override
    public Document update(String id, Map<String, Object> patch, long expectedVersion) {
        CollectionMeta meta = meta();
        DocumentRecord old = existing(meta, id, expectedVersion);
        Object merged = MergePatch.apply(old.content(), withoutId(id, patch));
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) Values.normalize(merged);
        return DocumentWriter.write(tx, context, meta, old, id, next).toDocument();
    }

    @Override
    public List<Document> updateAll(List<DocumentPatch> patches) {
        List<Document> updated = new ArrayList<>();
        for (DocumentPatch patch : patches) {
            updated.add(update(patch.id(), patch.patch(), patch.expectedVersion()));
        }
        return updated;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        CollectionMeta meta = meta();
        Optional<DocumentRecord> old = DocumentWriter.read(tx, meta, checkId(id));
        if (old.isEmpty()) {
            return false;
        }
        checkVersion(old.get(), expectedVersion);
        DocumentWriter.write(tx, context, meta, old.get(), id, null);
        return true;
    }

    @Override
    public int deleteAll(List<String> ids) {
        int deleted = 0;
        for (String id : ids) {
            deleted += delete(id) ? 1 : 0;
        }
        return deleted;
    }

    @Override
    public DocumentCursor find(Query query) {
        return find(query, () -> { });
    }

    DocumentCursor find(Query query, Runnable onClose) {
        Executor.Prepared prepared = Executor.prepare(query);
        CollectionMeta meta = meta();
        Planner.Plan plan = Planner.plan(meta, prepared.filter(), prepared.order(), query.hint(), true,
                Executor.neededPaths(prepared, false));
        Stage<DocumentRecord> root = Executor.build(tx, meta, prepared, plan, true);
        return new QueryCursor(root, plan.order(), query, onClose);
    }

    @Override
    public Page findPage(Query query) {
        if (query.limit() == 0) {
            throw new dev.strata.api.InvalidArgumentException("a page needs a limit");
        }
        List<Document> documents = new ArrayList<>();
        try (DocumentCursor cursor = find(query.limit(query.limit() + 1))) {
            String token = null;
            while (cursor.hasNext() && documents.size() < query.limit()) {
                documents.add(cursor.next());
                token = cursor.continuation();
            }
            return new Page(documents, cursor.hasNext() ? token : null);
        }
    }

    @Override
    public long count(Map<String, Object> filter) {
        Executor.Prepared prepared = Executor.prepare(Query.where(filter));
        CollectionMeta meta = meta();
        if (prepared.filter() == Filter.ALL) {
            long total = 0;
            for (int shard = 0; shard < KeyLayout.SHARDS; shard++) {
                total += ShardStats.read(tx, meta.uid(), shard).documents;
            }
            return total;
        }
        Planner.Plan plan = Planner.plan(meta, prepared.filter(), null, null, false,
                Executor.neededPaths(prepared, true));
        Stage<DocumentRecord> root = Executor.build(tx, meta, prepared, plan, false);
        try {
            long count = 0;
            while (root.hasNext()) {
                root.next();
                count++;
            }
            return count;
        } finally {
            root.close();
        }
    }

    @Override
    public QueryPlan explain(Query query) {
        Executor.Prepared prepared = Executor.prepare(query);
        CollectionMeta meta = meta();
        Planner.Plan plan = Planner.plan(meta, prepared.filter(), prepared.order(), query.hint(), true,
                Executor.neededPaths(prepared, false));
        Stage<DocumentRecord> root = Executor.build(tx, meta, prepared, plan, true);
        try {
            while (root.hasNext()) {
                root.next();
            }
            QueryPlan tree = root.explain();
            if (!query.projection().isEmpty()) {
                tree = new QueryPlan("PROJECTION", String.join(", ", query.projection()), 0, 0, tree.returned(),
                        List.of(tree));
            }
            return tree;
        } finally {
            root.close();
        }
    }

    @Override
    public List<SearchHit> search(TextQuery query) {
        return TextSearch.search(tx, meta(), query);
    }

    /** The collection's metadata as this transaction's snapshot has it ({@link CollectionContext#meta}). */
    private CollectionMeta meta() {
        return context.meta(tx, ownRead);
    }

    private DocumentRecord existing(CollectionMeta meta, String id, long expectedVersion) {
        DocumentRecord old = DocumentWriter.read(tx, meta, checkId(id)).orElseThrow(() -> new DocumentNotFoundException(
                "collection '" + context.name() + "' has no document '" + id + "'"));
        checkVersion(old, expectedVersion);
        return old;
    }

    private void checkVersion(DocumentRecord old, long expectedVersion) {
        if (expectedVersion != ANY_VERSION && expectedVersion != old.version()) {
            throw new VersionConflictException("document '" + old.id() + "' of collection '" + context.name()
                    + "' is at version " + old.version() + ", not " + expectedVersion, expectedVersion, old.version());
        }
    }

    private static Map<String, Object> content(Map<String, Object> content) {
        @SuppressWarnings("unchecked")
        Map<String, Object> normal = (Map<String, Object>) Values.normalize(content);
        return normal;
    }

    private Map<String, Object> withoutId(String id, Map<String, Object> content) {
        if (content == null) {
            throw new InvalidDocumentException("content must not be null");
        }
        Object embedded = content.get(Document.ID_FIELD);
        if (embedded != null && !id.equals(embedded)) {
            throw new InvalidDocumentException("_id cannot change (document '" + id + "', given '" + embedded + "')");
        }
        Map<String, Object> copy = new LinkedHashMap<>(content);
        copy.remove(Document.ID_FIELD);
        return content(copy);
    }

    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidDocumentException("document ids are 1 to 128 of A-Z a-z 0-9 . _ : @ + ~ -, was '" + id + "'");
        }
        return id;
    }

    /** Time-ordered ids: milliseconds and randomness in base 36, so that recent documents sort last. */
    static String generateId() {
        String time = Long.toString(System.currentTimeMillis(), 36);
        String random = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        return "0".repeat(Math.max(0, 9 - time.length())) + time + "0".repeat(Math.max(0, 13 - random.length())) + random;
    }
}
