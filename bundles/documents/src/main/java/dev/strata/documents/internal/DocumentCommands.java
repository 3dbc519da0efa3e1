package dev.strata.documents.internal;

import java.util.List;
import java.util.function.Supplier;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageService;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentService;
import dev.strata.api.document.IndexNotFoundException;
import dev.strata.api.document.KeyValueIndex;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.document.Query;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code doc:*} Gogo commands. JSON goes in single quotes (Gogo reads braces as closures):
 * {@code doc:insert file users '{"name":"Ada","age":36}'}. Every expected failure prints one line starting with
 * {@code error: }.
 */
@Component(service = DocumentCommands.class, property = {"osgi.command.scope=doc",
        "osgi.command.function=collections", "osgi.command.function=create", "osgi.command.function=drop",
        "osgi.command.function=insert", "osgi.command.function=get", "osgi.command.function=delete",
        "osgi.command.function=find", "osgi.command.function=count", "osgi.command.function=explain",
        "osgi.command.function=index", "osgi.command.function=unindex", "osgi.command.function=indexes",
        "osgi.command.function=search", "osgi.command.function=schema",
        "osgi.command.function=kvquery", "osgi.command.function=kvindex", "osgi.command.function=kvunindex",
        "osgi.command.function=kvindexes", "osgi.command.function=kvfind", "osgi.command.function=kvexplain"})
public final class DocumentCommands {

    static final int DEFAULT_LIMIT = 20;

    private final StorageService storage;
    private final DocumentService documents;

    @Activate
    public DocumentCommands(@Reference StorageService storage, @Reference DocumentService documents) {
        this.storage = storage;
        this.documents = documents;
    }

    /** {@code doc:collections <store>}. */
    public String collections(String store) {
        return run(() -> String.join("\n", documents.documents(store(store)).collectionNames()));
    }

    public String create(String store, String collection) {
        return run(() -> documents.documents(store(store)).createCollection(collection).collectionName() + " created");
    }

    public String drop(String store, String collection) {
        return run(() -> documents.documents(store(store)).dropCollection(collection) ? "dropped" : "(not found)");
    }

    /** {@code doc:insert <store> <collection> '<json>'}: prints the stored document. */
    public String insert(String store, String collection, String json) {
        return run(() -> collection(store, collection).insertJson(json).toJson());
    }

    public String get(String store, String collection, String id) {
        return run(() -> collection(store, collection).get(id).map(d -> d.toJson() + "  (version " + d.version() + ")")
                .orElse("(not found)"));
    }

    public String delete(String store, String collection, String id) {
        return run(() -> collection(store, collection).delete(id) ? "deleted" : "(not found)");
    }

    /**
     * {@code doc:find <store> <collection> '<filter>' [sort] [limit] [projection]}: sort like {@code -age,name}, a
     * lone {@code -} for none.
     */
    public String find(String store, String collection, String filter) {
        return find(store, collection, filter, "", Integer.toString(DEFAULT_LIMIT));
    }

    public String find(String store, String collection, String filter, String sort) {
        return find(store, collection, filter, sort, Integer.toString(DEFAULT_LIMIT));
    }

    public String find(String store, String collection, String filter, String sort, String limit) {
        return find(store, collection, filter, sort, limit, "");
    }

    /** {@code doc:find ... [sort] [limit] [projection]}: projection like {@code title,year}. */
    public String find(String store, String collection, String filter, String sort, String limit, String projection) {
        return run(() -> CommandOutput.documents(collection(store, collection).find(query(filter, sort, projection)
                .limit(CommandOutput.parseLimit(limit)))));
    }

    public String count(String store, String collection, String filter) {
        return run(() -> Long.toString(collection(store, collection).count(documents.parseJsonObject(filter))));
    }

    /** {@code doc:explain <store> <collection> '<filter>' [sort]}: the executed plan tree. */
    public String explain(String store, String collection, String filter) {
        return explain(store, collection, filter, "");
    }

    public String explain(String store, String collection, String filter, String sort) {
        return explain(store, collection, filter, sort, "");
    }

    /** {@code doc:explain ... [sort] [projection]}: a projection an index covers shows INDEX_ONLY. */
    public String explain(String store, String collection, String filter, String sort, String projection) {
        return run(() -> collection(store, collection).explain(query(filter, sort, projection)).render().stripTrailing());
    }

    /** {@code doc:index <store> <collection> <name> <field,field...> [value|unique|text]}. */
    public String index(String store, String collection, String name, String fields) {
        return index(store, collection, name, fields, "value");
    }

    public String index(String store, String collection, String name, String fields, String kind) {
        return run(() -> CommandOutput.createIndex(collection(store, collection), name, fields, kind));
    }

    public String unindex(String store, String collection, String name) {
        return run(() -> collection(store, collection).dropIndex(name) ? "dropped" : "(not found)");
    }

    public String indexes(String store, String collection) {
        return run(() -> CommandOutput.indexes(collection(store, collection).indexes()));
    }

    /** {@code doc:search <store> <collection> '<text>' [limit]}: BM25-ranked hits. */
    public String search(String store, String collection, String text) {
        return search(store, collection, text, Integer.toString(DEFAULT_LIMIT));
    }

    public String search(String store, String collection, String text, String limit) {
        return run(() -> CommandOutput.hits(collection(store, collection).search(
                dev.strata.api.document.TextQuery.of(text).limit((int) CommandOutput.parseLimit(limit)))));
    }

    /** {@code doc:schema <store> <collection> '<json schema>'|none}. */
    public String schema(String store, String collection, String schema) {
        return run(() -> {
            var set = collection(store, collection).setSchema("none".equals(schema) ? null : schema);
            return set == null ? "schema removed" : "schema version " + set.version();
        });
    }

    /**
     * {@code doc:kvquery <store> <pattern> '<filter>' [sort] [limit]}: key-value entries under a glob whose JSON
     * values match the filter ({@code _id} is the key).
     */
    public String kvquery(String store, String pattern, String filter) {
        return kvquery(store, pattern, filter, "", Integer.toString(DEFAULT_LIMIT));
    }

    public String kvquery(String store, String pattern, String filter, String sort) {
        return kvquery(store, pattern, filter, sort, Integer.toString(DEFAULT_LIMIT));
    }

    public String kvquery(String store, String pattern, String filter, String sort, String limit) {
        return run(() -> CommandOutput.entries(documents.query(store(store),
                keyValueQuery(pattern, filter, sort).limit(CommandOutput.parseLimit(limit)))));
    }

    /**
     * {@code doc:kvindex <store> <name> '<pattern>' <field,field...>}: indexes the JSON values of the keys the glob
     * selects; waits until built.
     */
    public String kvindex(String store, String name, String pattern, String fields) {
        return run(() -> {
            KeyValueIndex created = documents.createKeyValueIndex(store(store),
                    new KeyValueIndex(name, pattern, List.of(fields.split(",")), null));
            return "kv index " + created.name() + " " + created.state() + " on " + created.pattern() + " "
                    + String.join(",", created.fields());
        });
    }

    public String kvunindex(String store, String name) {
        return run(() -> documents.dropKeyValueIndex(store(store), name) ? "dropped" : "(not found)");
    }

    public String kvindexes(String store) {
        return run(() -> CommandOutput.keyValueIndexes(documents.keyValueIndexes(store(store))));
    }

    /**
     * {@code doc:kvfind <store> <index> '<filter>' [sort] [limit]}: a key-value query over the pattern of the named
     * index, so that the planner can use it; an unknown index is an error.
     */
    public String kvfind(String store, String index, String filter) {
        return kvfind(store, index, filter, "", Integer.toString(DEFAULT_LIMIT));
    }

    public String kvfind(String store, String index, String filter, String sort) {
        return kvfind(store, index, filter, sort, Integer.toString(DEFAULT_LIMIT));
    }

    public String kvfind(String store, String index, String filter, String sort, String limit) {
        return run(() -> {
            dev.strata.api.Store found = store(store);
            return kvquery(store, keyValueIndex(found, index).pattern(), filter, sort, limit);
        });
    }

    /** {@code doc:kvexplain <store> '<pattern>' '<filter>' [sort]}: the executed plan of a key-value query. */
    public String kvexplain(String store, String pattern, String filter) {
        return kvexplain(store, pattern, filter, "");
    }

    public String kvexplain(String store, String pattern, String filter, String sort) {
        return run(() -> documents.explain(store(store), keyValueQuery(pattern, filter, sort)).render().stripTrailing());
    }

    private KeyValueQuery keyValueQuery(String pattern, String filter, String sort) {
        KeyValueQuery query = KeyValueQuery.of(pattern).where(documents.parseJsonObject(filter));
        return sort == null || sort.isBlank() || sort.equals("-") ? query : query.sortBy(sort.split(","));
    }

    private KeyValueIndex keyValueIndex(dev.strata.api.Store store, String name) {
        return documents.keyValueIndexes(store).stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IndexNotFoundException("store '" + store.name() + "' has no key-value index '"
                        + name + "'"));
    }

    private Query query(String filter, String sort, String projection) {
        Query query = Query.where(documents.parseJsonObject(filter));
        query = sort == null || sort.isBlank() || sort.equals("-") ? query : query.sortBy(sort.split(","));
        return projection == null || projection.isBlank() ? query : query.project(projection.split(","));
    }

    private DocumentCollection collection(String store, String collection) {
        return documents.documents(store(store)).existingCollection(collection);
    }

    private dev.strata.api.Store store(String name) {
        return storage.findStore(name).orElseThrow(() -> new NotFoundException("no store named '" + name + "'"));
    }

    private static String run(Supplier<String> command) {
        return CommandOutput.run(command);
    }
}
