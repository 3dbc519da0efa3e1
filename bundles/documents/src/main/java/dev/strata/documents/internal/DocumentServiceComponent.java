package dev.strata.documents.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.ReadOperations;
import dev.strata.api.Store;
import dev.strata.api.document.DocumentService;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.JsonEntryCursor;
import dev.strata.api.document.KeyValueQuery;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link DocumentService}: one {@link DocumentStore} per store (by name), sharing one background index builder.
 * Usable without a framework too ({@code new DocumentServiceComponent()}), which the tests do.
 */
@Component(service = DocumentService.class)
public final class DocumentServiceComponent implements DocumentService, AutoCloseable {

    private final IndexBuilder builder = new IndexBuilder();
    private final Map<Store, DocumentStoreImpl> stores = new ConcurrentHashMap<>();

    @Override
    public DocumentStore documents(Store store) {
        if (store == null) {
            throw new InvalidArgumentException("store must not be null");
        }
        return stores.computeIfAbsent(store, s -> {
            DocumentStoreImpl documents = new DocumentStoreImpl(s, builder);
            documents.resumeBuilds();
            return documents;
        });
    }

    @Override
    public JsonEntryCursor query(ReadOperations source, KeyValueQuery query) {
        if (source == null || query == null) {
            throw new InvalidArgumentException("source and query must not be null");
        }
        return KeyValueQueries.run(source, query);
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
