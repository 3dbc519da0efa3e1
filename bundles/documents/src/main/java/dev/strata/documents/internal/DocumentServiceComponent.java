package dev.strata.documents.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOperations;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.WriteHook;
import dev.strata.api.document.DocumentService;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueIndex;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.document.QueryPlan;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link DocumentService}: one {@link DocumentStore} per store (by name), sharing one background index builder.
 * Usable without a framework too ({@code new DocumentServiceComponent()}), which the tests do.
 */
@Component(service = {DocumentService.class, WriteHook.class})
public final class DocumentServiceComponent implements DocumentService, WriteHook, AutoCloseable {

    private final IndexBuilder builder = new IndexBuilder();
    private final KeyValueIndexes keyValueIndexes = new KeyValueIndexes();
    /**
     * By store name, for the {@link Store} object it was made for. A store removed and defined again is a new
     * object under the same name; its entry replaces the old one, so that the map does not keep every store object
     * (and its collections' caches) that ever had that name.
     */
    private final Map<String, DocumentStoreImpl> stores = new ConcurrentHashMap<>();

    @Override
    public DocumentStore documents(Store store) {
        if (store == null) {
            throw new InvalidArgumentException("store must not be null");
        }
        DocumentStoreImpl kept = stores.get(store.name());
        if (kept != null && kept.serves(store)) {
            return kept;
        }
        return stores.compute(store.name(), (name, existing) -> {
            if (existing != null && existing.serves(store)) {
                return existing;
            }
            DocumentStoreImpl documents = new DocumentStoreImpl(store, builder);
            documents.resumeBuilds();
            return documents;
        });
    }

    /** How many stores' document layers are kept (one per store name). */
    int storesKept() {
        return stores.size();
    }

    @Override
    public JsonEntryCursor query(ReadOperations source, KeyValueQuery query) {
        if (source == null || query == null) {
            throw new InvalidArgumentException("source and query must not be null");
        }
        return KeyValueQueries.run(source, query);
    }

    @Override
    public QueryPlan explain(ReadOperations source, KeyValueQuery query) {
        if (source == null || query == null) {
            throw new InvalidArgumentException("source and query must not be null");
        }
        return KeyValueQueries.explain(source, query);
    }

    @Override
    public KeyValueIndex createKeyValueIndex(Store store, KeyValueIndex index) {
        if (store == null || index == null) {
            throw new InvalidArgumentException("store and index must not be null");
        }
        for (String path : index.fields()) {
            if (!Paths.isValid(path)) {
                throw new InvalidArgumentException("'" + path + "' is not a valid index path");
            }
        }
        return keyValueIndexes.create(store, index);
    }

    @Override
    public boolean dropKeyValueIndex(Store store, String name) {
        if (store == null || name == null) {
            throw new InvalidArgumentException("store and name must not be null");
        }
        return keyValueIndexes.drop(store, name);
    }

    @Override
    public List<KeyValueIndex> keyValueIndexes(Store store) {
        if (store == null) {
            throw new InvalidArgumentException("store must not be null");
        }
        return keyValueIndexes.list(store);
    }

    /** The key-value indexes' part in every write ({@link KeyValueIndexes}). */
    @Override
    public boolean wants(String store, Transaction tx, String key) {
        return keyValueIndexes.wants(store, tx, key);
    }

    @Override
    public void beforeWrite(String store, Transaction tx, String key, byte[] value) {
        keyValueIndexes.beforeWrite(store, tx, key, value);
    }

    @Override
    public Object parseJson(String json) {
        return Json.parse(json);
    }

    @Deactivate
    @Override
    public void close() {
        builder.close();
        stores.clear();
    }
}
