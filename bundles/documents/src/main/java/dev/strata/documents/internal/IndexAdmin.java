package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.IndexState;

/** Creating and dropping indexes and collections, and removing their keys afterwards in small transactions. */
final class IndexAdmin {

    static final int DELETE_BATCH = 500;

    private IndexAdmin() {
    }

    static IndexInfo create(CollectionContext context, IndexDefinition definition) {
        if (definition == null) {
            throw new InvalidArgumentException("index definition must not be null");
        }
        IndexMeta created = context.store().inTransactionResult(tx -> {
            CollectionMeta meta = context.meta(tx);
            if (meta.index(definition.name()).isPresent()) {
                throw new InvalidArgumentException("collection '" + meta.name() + "' already has an index '"
                        + definition.name() + "'");
            }
            if (definition.type() == dev.strata.api.document.IndexType.TEXT && meta.textIndex().isPresent()) {
                throw new InvalidArgumentException("collection '" + meta.name() + "' already has a text index '"
                        + meta.textIndex().get().name() + "' (one per collection)");
            }
            IndexMeta index = new IndexMeta(definition, meta.nextIndexUid(), IndexState.WRITE_ONLY, "");
            tx.put(KeyLayout.meta(meta.name()), meta.withIndex(index).toBytes());
            fence(tx, meta.uid());
            return index;
        });
        context.builder().schedule(context, created.uid());
        return created.info();
    }

    static boolean drop(CollectionContext context, String name) {
        IndexMeta dropped = context.store().inTransactionResult(tx -> {
            CollectionMeta meta = context.meta(tx);
            IndexMeta index = meta.index(name).orElse(null);
            if (index != null) {
                tx.put(KeyLayout.meta(meta.name()), meta.withoutIndex(name).toBytes());
                fence(tx, meta.uid());
            }
            return index;
        });
        if (dropped == null) {
            return false;
        }
        long uid = context.store().read(tx -> context.meta(tx).uid());
        deletePrefix(context.store(), KeyLayout.indexPrefix(uid, dropped.uid()));
        deletePrefix(context.store(), KeyLayout.textPrefix(uid, dropped.uid()));
        deletePrefix(context.store(), KeyLayout.textBlockPrefix(uid, dropped.uid()));
        deletePrefix(context.store(), KeyLayout.textLengthsPrefix(uid, dropped.uid()));
        context.store().delete(KeyLayout.buildCursor(uid, dropped.uid()));
        return true;
    }

    /**
     * Rewrites every shard key of the collection: a writer whose snapshot predates this change also wrote one of them,
     * so one of the two commits conflicts and retries on the new metadata.
     */
    static void fence(Transaction tx, long uid) {
        for (int shard = 0; shard < KeyLayout.SHARDS; shard++) {
            String key = KeyLayout.shard(uid, shard);
            tx.put(key, ShardStats.read(tx, uid, shard).toBytes());
        }
    }

    /** Deletes every key with the prefix, a batch per transaction. */
    static void deletePrefix(Store store, String prefix) {
        while (true) {
            int deleted = store.inTransactionResult(tx -> {
                List<String> keys = new ArrayList<>();
                try (EntryCursor cursor = tx.scan(Scan.prefix(prefix).limit(DELETE_BATCH))) {
                    while (cursor.hasNext()) {
                        Entry entry = cursor.next();
                        keys.add(entry.key());
                    }
                }
                keys.forEach(tx::delete);
                return keys.size();
            });
            if (deleted < DELETE_BATCH) {
                return;
            }
        }
    }
}
