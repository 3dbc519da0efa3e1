package dev.strata.documents.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentCursor;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.Query;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the contract tests: a fresh store on the engine a subclass names, and the layer over it. */
abstract class EngineCase {

    @TempDir
    Path directory;
    ManagedStore store;
    DocumentServiceComponent service;
    DocumentStore documents;

    abstract String engine();

    @BeforeEach
    void open() {
        service = new DocumentServiceComponent();
        store = EngineStores.open(engine(), directory, service);
        documents = service.documents(store);
    }

    @AfterEach
    void close() {
        service.close();
        EngineStores.close(store);
    }

    Map<String, Object> json(String text) {
        return service.parseJsonObject(text);
    }

    List<String> ids(DocumentCursor cursor) {
        List<String> ids = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(d -> ids.add(d.id()));
        }
        return ids;
    }

    List<String> ids(DocumentCollection collection, Query query) {
        return ids(collection.find(query));
    }

    /** The ids matching the filter, sorted (without a sort, results come in the plan's order). */
    List<String> ids(DocumentCollection collection, String filter) {
        return ids(collection.find(Query.where(json(filter)))).stream().sorted().toList();
    }

    static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    void index(DocumentCollection collection, IndexDefinition definition) {
        collection.createIndex(definition);
        collection.awaitIndex(definition.name(), Duration.ofSeconds(30));
    }

    /** Every key the layer wrote (what "nothing changed" compares). */
    List<Entry> layerKeys() {
        List<Entry> entries = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.prefix(DocumentStore.KEY_PREFIX))) {
            cursor.forEachRemaining(entries::add);
        }
        return entries;
    }

    static Document doc(String id, String key, Object value) {
        return Document.of(id, Map.of(key, value));
    }
}
