package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.document.CollectionExistsException;
import dev.strata.api.document.CollectionNotFoundException;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.IndexState;

/** The collections of one store. Opening it resumes the background builds that a restart interrupted. */
final class DocumentStoreImpl implements DocumentStore {

    private final Store store;
    private final IndexBuilder builder;
    private final Map<String, CollectionContext> contexts = new ConcurrentHashMap<>();

    /** Whether this is the layer of exactly this store object (not of an earlier one under the same name). */
    boolean serves(Store store) {
        return this.store == store;
    }

    DocumentStoreImpl(Store store, IndexBuilder builder) {
        this.store = store;
        this.builder = builder;
    }

    /** Schedules every index still WRITE_ONLY (its build was cut short). */
    void resumeBuilds() {
        for (String name : collectionNames()) {
            CollectionContext context = context(name);
            try {
                CollectionMeta meta = store.read(context::meta);
                meta.indexes().stream().filter(i -> i.state() == IndexState.WRITE_ONLY)
                        .forEach(i -> builder.schedule(context, i.uid()));
            } catch (CollectionNotFoundException dropped) {
                // dropped meanwhile
            }
        }
    }

    private CollectionContext context(String name) {
        return contexts.computeIfAbsent(name, n -> new CollectionContext(store, n, builder));
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidArgumentException("collection names must match [A-Za-z0-9_.-]{1,64}, was '" + name + "'");
        }
    }

    @Override
    public DocumentCollection createCollection(String name) {
        checkName(name);
        store.inTransaction(tx -> {
            if (tx.get(KeyLayout.meta(name)).isPresent()) {
                throw new CollectionExistsException("store '" + store.name() + "' already has a collection '" + name + "'");
            }
            long uid = tx.get(KeyLayout.COUNTER).map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8)))
                    .orElse(0L) + 1;
            tx.put(KeyLayout.COUNTER, Long.toString(uid).getBytes(StandardCharsets.UTF_8));
            tx.put(KeyLayout.meta(name), CollectionMeta.create(name, uid).toBytes());
        });
        return new DocumentCollectionImpl(context(name));
    }

    @Override
    public DocumentCollection collection(String name) {
        checkName(name);
        if (store.get(KeyLayout.meta(name)).isEmpty()) {
            try {
                createCollection(name);
            } catch (CollectionExistsException raced) {
                // another caller created it first: use theirs
            }
        }
        return new DocumentCollectionImpl(context(name));
    }

    @Override
    public DocumentCollection existingCollection(String name) {
        checkName(name);
        if (store.get(KeyLayout.meta(name)).isEmpty()) {
            throw new CollectionNotFoundException("store '" + store.name() + "' has no collection '" + name + "'");
        }
        return new DocumentCollectionImpl(context(name));
    }

    @Override
    public List<String> collectionNames() {
        List<String> names = new ArrayList<>();
        try (EntryCursor cursor = store.scan(Scan.prefix(KeyLayout.META_PREFIX))) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                names.add(entry.key().substring(KeyLayout.META_PREFIX.length()));
            }
        }
        return names;
    }

    @Override
    public boolean dropCollection(String name) {
        checkName(name);
        Long uid = store.inTransactionResult(tx -> {
            byte[] bytes = tx.get(KeyLayout.meta(name)).orElse(null);
            if (bytes == null) {
                return null;
            }
            CollectionMeta meta = CollectionMeta.fromBytes(bytes);
            tx.delete(KeyLayout.meta(name));
            IndexAdmin.fence(tx, meta.uid());
            return meta.uid();
        });
        if (uid == null) {
            return false;
        }
        IndexAdmin.deletePrefix(store, KeyLayout.base(uid));
        return true;
    }
}
