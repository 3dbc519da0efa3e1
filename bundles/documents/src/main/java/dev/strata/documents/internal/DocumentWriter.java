package dev.strata.documents.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.strata.api.Transaction;
import dev.strata.api.document.Document;
import dev.strata.api.document.InvalidDocumentException;
import dev.strata.api.document.UniqueIndexViolationException;

/**
 * Writes one document and everything that depends on it (index entries, text postings, shard statistics, the
 * multikey flags of the metadata) in the caller's transaction. Every check (schema, size, index key limits, unique
 * indexes) runs before the first write, so a refused write leaves the transaction as it was.
 */
final class DocumentWriter {

    private DocumentWriter() {
    }

    static Optional<DocumentRecord> read(Transaction tx, CollectionMeta meta, String id) {
        return tx.get(KeyLayout.doc(meta.uid(), id)).map(bytes -> DocumentRecord.decode(id, bytes));
    }

    /**
     * Replaces {@code old} (null: none) by {@code next} (null: delete).
     *
     * @return the record written, or null for a delete
     */
    static DocumentRecord write(Transaction tx, CollectionContext context, CollectionMeta meta, DocumentRecord old,
            String id, Map<String, Object> next) {
        DocumentRecord record = null;
        byte[] encoded = null;
        if (next != null) {
            context.validator(meta).validate(next);
            long now = System.currentTimeMillis();
            record = old == null ? new DocumentRecord(id, next, 1, now, now)
                    : new DocumentRecord(id, next, old.version() + 1, old.createdMillis(), Math.max(now, old.updatedMillis()));
            encoded = record.encode();
            if (encoded.length > Document.MAX_ENCODED_BYTES) {
                throw new InvalidDocumentException("document '" + id + "' is " + encoded.length
                        + " bytes encoded; the limit is " + Document.MAX_ENCODED_BYTES);
            }
        }
        Map<String, Object> before = old == null ? null : old.content();
        Map<String, byte[]> puts = new LinkedHashMap<>();
        Set<String> deletes = new HashSet<>();
        CollectionMeta updated = meta;
        int shard = KeyLayout.shardOf(id);
        ShardStats stats = ShardStats.read(tx, meta.uid(), shard);
        stats.documents += (next == null ? 0 : 1) - (old == null ? 0 : 1);
        for (IndexMeta index : meta.indexes()) {
            if (!index.maintained()) {
                continue;
            }
            if (index.isText()) {
                TextPostings.plan(tx, meta.uid(), index, id, before, next, puts, deletes, stats);
                continue;
            }
            IndexKeys.Entries was = IndexKeys.of(meta.uid(), index, id, before);
            IndexKeys.Entries is = IndexKeys.of(meta.uid(), index, id, next);
            for (String key : was.keys()) {
                if (!is.keys().contains(key)) {
                    deletes.add(key);
                }
            }
            for (String key : is.keys()) {
                if (was.keys().contains(key)) {
                    // same key, but the values a covering plan reads from the entry may differ (1 and 1.0)
                    if (!Arrays.equals(was.value(), is.value())) {
                        puts.put(key, is.value());
                    }
                    continue;
                }
                if (index.definition().unique()) {
                    checkUnique(tx, context, index, key, id);
                }
                puts.put(key, is.value());
            }
            IndexMeta widened = index.withArrayFields(is.arrayFields());
            if (widened != index) {
                updated = updated.withIndex(widened);
            }
        }
        stats.retainText(meta.textIndex().map(IndexMeta::uid).orElse(-1L));
        // checks are done: write
        for (String key : deletes) {
            tx.delete(key);
        }
        puts.forEach(tx::put);
        tx.put(KeyLayout.shard(meta.uid(), shard), stats.toBytes());
        if (record == null) {
            tx.delete(KeyLayout.doc(meta.uid(), id));
        } else {
            tx.put(KeyLayout.doc(meta.uid(), id), encoded);
        }
        if (updated != meta) {
            tx.put(KeyLayout.meta(meta.name()), updated.toBytes());
        }
        return record;
    }

    static void checkUnique(Transaction tx, CollectionContext context, IndexMeta index, String key, String id) {
        Optional<String> holder = tx.get(key).map(IndexEntryValue::id);
        if (holder.isPresent() && !holder.get().equals(id)) {
            throw new UniqueIndexViolationException("collection '" + context.name() + "': unique index '"
                    + index.name() + "' already holds these values of " + index.definition().fields()
                    + " for document '" + holder.get() + "'");
        }
    }
}
