package dev.strata.documents.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.strata.api.StorageTimeoutException;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.document.CollectionSchema;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.DocumentOperations;
import dev.strata.api.document.DocumentPatch;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.Page;
import dev.strata.api.document.Query;
import dev.strata.api.document.QueryPlan;
import dev.strata.api.document.SearchHit;
import dev.strata.api.document.TextQuery;

/** A collection whose operations each run in their own transaction (retried on conflict). */
final class DocumentCollectionImpl implements DocumentCollection {

    private final CollectionContext context;

    DocumentCollectionImpl(CollectionContext context) {
        this.context = context;
    }

    private <T> T write(Function<TxDocuments, T> work) {
        return context.store().inTransactionResult(tx -> work.apply(new TxDocuments(context, tx)));
    }

    private <T> T read(Function<TxDocuments, T> work) {
        return context.store().read(tx -> work.apply(new TxDocuments(context, tx, true)));
    }

    @Override
    public DocumentOperations in(Transaction tx) {
        if (tx == null || !tx.isOpen()) {
            throw new dev.strata.api.InvalidArgumentException("an open transaction is needed");
        }
        return new TxDocuments(context, tx);
    }

    @Override
    public String collectionName() {
        return context.name();
    }

    @Override
    public Document insert(Document document) {
        return write(ops -> ops.insert(document));
    }

    @Override
    public Document insertJson(String json) {
        Map<String, Object> parsed = Json.parseObject(json);
        return write(ops -> ops.insert(Document.of(parsed)));
    }

    @Override
    public Document insertObject(Object value) {
        return write(ops -> ops.insertObject(value));
    }

    @Override
    public List<Document> insertAll(List<Document> documents) {
        return write(ops -> ops.insertAll(documents));
    }

    @Override
    public Optional<Document> get(String id) {
        return read(ops -> ops.get(id));
    }

    @Override
    public <T> Optional<T> get(String id, Class<T> type) {
        return read(ops -> ops.get(id, type));
    }

    @Override
    public Document replace(String id, Map<String, Object> content, long expectedVersion) {
        return write(ops -> ops.replace(id, content, expectedVersion));
    }

    @Override
    public Document update(String id, Map<String, Object> patch, long expectedVersion) {
        return write(ops -> ops.update(id, patch, expectedVersion));
    }

    @Override
    public List<Document> updateAll(List<DocumentPatch> patches) {
        return write(ops -> ops.updateAll(patches));
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return write(ops -> ops.delete(id, expectedVersion));
    }

    @Override
    public int deleteAll(List<String> ids) {
        return write(ops -> ops.deleteAll(ids));
    }

    @Override
    public DocumentCursor find(Query query) {
        Transaction tx = context.store().begin(TransactionMode.READ_ONLY);
        try {
            return new TxDocuments(context, tx, true).find(query, tx::close);
        } catch (RuntimeException e) {
            tx.close();
            throw e;
        }
    }

    @Override
    public Page findPage(Query query) {
        return read(ops -> ops.findPage(query));
    }

    @Override
    public long count(Map<String, Object> filter) {
        return read(ops -> ops.count(filter));
    }

    @Override
    public QueryPlan explain(Query query) {
        return read(ops -> ops.explain(query));
    }

    @Override
    public List<SearchHit> search(TextQuery query) {
        return read(ops -> ops.search(query));
    }

    @Override
    public IndexInfo createIndex(IndexDefinition definition) {
        IndexInfo info = IndexAdmin.create(context, definition);
        return info;
    }

    @Override
    public IndexInfo awaitIndex(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            IndexInfo info = indexes().stream().filter(i -> i.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IndexNotFoundException("collection '" + context.name()
                            + "' has no index '" + name + "'"));
            if (info.state() != IndexState.WRITE_ONLY) {
                return info;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StorageTimeoutException("index '" + name + "' is still building after " + timeout);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageTimeoutException("interrupted while waiting for index '" + name + "'");
            }
        }
    }

    @Override
    public boolean dropIndex(String name) {
        return IndexAdmin.drop(context, name);
    }

    @Override
    public List<IndexInfo> indexes() {
        return context.store().read(tx -> context.meta(tx, true).indexes().stream().map(IndexMeta::info).toList());
    }

    @Override
    public CollectionSchema setSchema(String jsonSchema) {
        if (jsonSchema != null) {
            SchemaValidator.compile(jsonSchema);
        }
        return context.store().inTransactionResult(tx -> {
            CollectionMeta meta = context.meta(tx);
            int version = meta.schema() == null ? 1 : meta.schema().version() + 1;
            CollectionSchema schema = jsonSchema == null ? null : new CollectionSchema(version, jsonSchema);
            tx.put(KeyLayout.meta(meta.name()), meta.withSchema(schema).toBytes());
            return schema;
        });
    }

    @Override
    public Optional<CollectionSchema> schema() {
        return context.store().read(tx -> Optional.ofNullable(context.meta(tx, true).schema()));
    }
}
