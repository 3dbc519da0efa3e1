package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentService;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueIndex;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.document.Page;
import dev.strata.api.document.Query;
import dev.strata.api.document.TextQuery;
import dev.strata.api.management.DocumentCollectionInfo;
import dev.strata.api.management.DocumentIndexInfo;
import dev.strata.api.management.DocumentKeyValueIndexInfo;
import dev.strata.api.management.DocumentPage;
import dev.strata.api.management.DocumentSearchHit;
import dev.strata.api.management.DocumentsMXBean;

/**
 * {@code dev.strata:type=Documents}: the document API's reads with JSON text in and out, for the data browser, and the
 * key-value indexes (list, find by index, create, drop).
 */
final class DocumentsBean implements DocumentsMXBean {

    private final StorageService storage;
    private final DocumentService documents;

    DocumentsBean(StorageService storage, DocumentService documents) {
        this.storage = storage;
        this.documents = documents;
    }

    @Override
    public List<DocumentCollectionInfo> listCollections(String store) {
        DocumentStore collections = documents.documents(store(store));
        List<DocumentCollectionInfo> out = new ArrayList<>();
        for (String name : collections.collectionNames()) {
            DocumentCollection collection = collections.existingCollection(name);
            out.add(new DocumentCollectionInfo(name, collection.count(java.util.Map.of()), collection.indexes().size(),
                    collection.schema().map(s -> (long) s.version()).orElse(0L)));
        }
        return out;
    }

    @Override
    public List<DocumentIndexInfo> listIndexes(String store, String collection) {
        List<DocumentIndexInfo> out = new ArrayList<>();
        for (IndexInfo index : collection(store, collection).indexes()) {
            out.add(new DocumentIndexInfo(index.name(), index.definition().type().name(), index.definition().unique(),
                    index.definition().fields(), index.state().name(), index.multikey(), index.message()));
        }
        return out;
    }

    @Override
    public String getDocument(String store, String collection, String id) {
        return collection(store, collection).get(id).map(Document::toJson).orElse(null);
    }

    @Override
    public DocumentPage findDocuments(String store, String collection, String filter, String sort, long skip, int limit,
            String continuation, String projection) {
        Query query = query(filter, sort, projection).skip(skip).limit(pageSize(limit));
        if (continuation != null && !continuation.isBlank()) {
            query = query.after(continuation);
        }
        Page page = collection(store, collection).findPage(query);
        return new DocumentPage(List.of(), page.documents().stream().map(Document::toJson).toList(),
                page.continuation(), 0);
    }

    @Override
    public String explainQuery(String store, String collection, String filter, String sort, String projection) {
        return collection(store, collection).explain(query(filter, sort, projection)).render().stripTrailing();
    }

    @Override
    public List<DocumentSearchHit> searchText(String store, String collection, String text, int limit) {
        return collection(store, collection).search(TextQuery.of(text).limit(pageSize(limit))).stream()
                .map(hit -> new DocumentSearchHit(hit.score(), hit.document().toJson())).toList();
    }

    @Override
    public DocumentPage findEntries(String store, String pattern, String filter, String sort, int limit) {
        KeyValueQuery query = KeyValueQuery.of(pattern).where(filter(filter)).limit(pageSize(limit));
        if (sort != null && !sort.isBlank()) {
            query = query.sortBy(paths(sort));
        }
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (JsonEntryCursor cursor = documents.query(store(store), query)) {
            cursor.forEachRemaining(entry -> {
                keys.add(entry.key());
                values.add(entry.valueJson());
            });
            return new DocumentPage(keys, values, "", cursor.skippedValues());
        }
    }

    @Override
    public List<DocumentKeyValueIndexInfo> listKeyValueIndexes(String store) {
        return documents.keyValueIndexes(store(store)).stream().map(DocumentsBean::info).toList();
    }

    @Override
    public DocumentPage findEntriesByIndex(String store, String index, String filter, String sort, int limit) {
        Store found = store(store);
        KeyValueIndex named = documents.keyValueIndexes(found).stream().filter(i -> i.name().equals(index)).findFirst()
                .orElseThrow(() -> new IndexNotFoundException("store '" + found.name() + "' has no key-value index '"
                        + index + "'"));
        return findEntries(store, named.pattern(), filter, sort, limit);
    }

    @Override
    public DocumentKeyValueIndexInfo createKeyValueIndex(String store, String name, String pattern, String fields) {
        Store found = store(store);
        List<String> paths = fields == null ? List.of() : List.of(paths(fields));
        return info(documents.createKeyValueIndex(found, new KeyValueIndex(name, pattern, paths, null)));
    }

    @Override
    public boolean dropKeyValueIndex(String store, String name) {
        return documents.dropKeyValueIndex(store(store), name);
    }

    private static DocumentKeyValueIndexInfo info(KeyValueIndex index) {
        return new DocumentKeyValueIndexInfo(index.name(), index.pattern(), index.fields(), index.state().name());
    }

    private Query query(String filter, String sort, String projection) {
        Query query = Query.where(filter(filter));
        if (sort != null && !sort.isBlank()) {
            query = query.sortBy(paths(sort));
        }
        return projection == null || projection.isBlank() ? query : query.project(paths(projection));
    }

    private java.util.Map<String, Object> filter(String filter) {
        return filter == null || filter.isBlank() ? java.util.Map.of() : documents.parseJsonObject(filter);
    }

    private static String[] paths(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .toArray(String[]::new);
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidArgumentException("page size must be 1 to " + MAX_PAGE + ", was " + limit);
        }
        return limit;
    }

    private DocumentCollection collection(String store, String collection) {
        return documents.documents(store(store)).existingCollection(collection);
    }

    private Store store(String name) {
        return storage.findStore(name).orElseThrow(() -> new NotFoundException("no store named '" + name + "'"));
    }
}
