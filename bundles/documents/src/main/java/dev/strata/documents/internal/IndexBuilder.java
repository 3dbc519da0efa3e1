package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.document.CollectionNotFoundException;
import dev.strata.api.document.IndexState;

/**
 * Indexes the documents that existed before an index was created, in the background, in transactions of
 * {@link #BATCH} documents, while writers maintain the index for what they write (state WRITE_ONLY). Each batch
 * records how far it got, so a build resumes after a restart; the last batch makes the index READABLE. A batch
 * rewrites every document it indexes with the same bytes: a writer that changes one of them concurrently then
 * conflicts with the batch, and whichever retries sees the other's result, so no stale entry survives.
 */
final class IndexBuilder implements AutoCloseable {

    static final int BATCH = 200;
    static final long BUSY_PAUSE_MILLIS = 20;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-documents-index-builder");
        thread.setDaemon(true);
        return thread;
    });
    private final System.Logger log = System.getLogger(IndexBuilder.class.getName());

    void schedule(CollectionContext context, long indexUid) {
        try {
            executor.execute(() -> build(context, indexUid));
        } catch (RejectedExecutionException closed) {
            // shutting down: the build resumes from its cursor when the layer starts again
        }
    }

    void build(CollectionContext context, long indexUid) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (context.store().inTransactionResult(tx -> batch(tx, context, indexUid))) {
                        return;
                    }
                } catch (ConflictException | StorageTimeoutException busy) {
                    // writers kept winning this batch: let them pass, then try the same batch again
                    Thread.sleep(BUSY_PAUSE_MILLIS);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt(); // the build resumes from its cursor when the layer starts again
        } catch (CollectionNotFoundException dropped) {
            // the collection went away while its index was building
        } catch (InvalidArgumentException refused) {
            fail(context, indexUid, refused.getMessage());
        } catch (StorageException e) {
            log.log(System.Logger.Level.WARNING, "index build of collection '" + context.name() + "' stopped: "
                    + e.getMessage() + " (it resumes when the layer starts again)");
        }
    }

    /** @return whether the build is finished (or no longer wanted) */
    static boolean batch(dev.strata.api.Transaction tx, CollectionContext context, long indexUid) {
        CollectionMeta meta = context.meta(tx);
        Optional<IndexMeta> found = meta.indexes().stream().filter(i -> i.uid() == indexUid).findFirst();
        if (found.isEmpty() || found.get().state() != IndexState.WRITE_ONLY) {
            return true;
        }
        IndexMeta index = found.get();
        String cursorKey = KeyLayout.buildCursor(meta.uid(), indexUid);
        String prefix = KeyLayout.docPrefix(meta.uid());
        String after = tx.get(cursorKey).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        Scan scan = after == null ? Scan.prefix(prefix).limit(BATCH)
                : new Scan(prefix, prefix + after + "\u0000", null, null, false, BATCH);
        Map<String, byte[]> puts = new LinkedHashMap<>();
        Set<String> deletes = new HashSet<>();
        Map<Integer, ShardStats> shards = new HashMap<>();
        // applied after the scan: a write into the range being scanned may show up in the scan again
        Map<String, byte[]> rewrites = new LinkedHashMap<>();
        Set<String> arrayFields = new java.util.LinkedHashSet<>(index.arrayFields());
        int count = 0;
        String last = null;
        try (EntryCursor cursor = tx.scan(scan)) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                String id = entry.key().substring(prefix.length());
                DocumentRecord record = DocumentRecord.decode(id, entry.value());
                if (index.isText()) {
                    ShardStats stats = shards.computeIfAbsent(KeyLayout.shardOf(id),
                            s -> ShardStats.read(tx, meta.uid(), s));
                    TextPostings.plan(tx, meta.uid(), index, id, record.content(), record.content(), puts, deletes, stats);
                } else {
                    IndexKeys.Entries entries = IndexKeys.of(meta.uid(), index, id, record.content());
                    for (String key : entries.keys()) {
                        if (index.definition().unique()) {
                            DocumentWriter.checkUnique(tx, context, index, key, id);
                            byte[] earlier = puts.get(key);
                            if (earlier != null && !IndexEntryValue.id(earlier).equals(id)) {
                                throw new dev.strata.api.document.UniqueIndexViolationException("unique index '"
                                        + index.name() + "': documents '" + IndexEntryValue.id(earlier)
                                        + "' and '" + id + "' have the same values of " + index.definition().fields());
                            }
                        }
                        puts.put(key, entries.value());
                    }
                    arrayFields.addAll(entries.arrayFields());
                }
                rewrites.put(entry.key(), entry.value()); // the fence against a concurrent writer of this document
                count++;
                last = id;
            }
        }
        rewrites.forEach(tx::put);
        deletes.forEach(tx::delete);
        puts.forEach(tx::put);
        shards.forEach((shard, stats) -> tx.put(KeyLayout.shard(meta.uid(), shard), stats.toBytes()));
        IndexMeta updated = index.withArrayFields(arrayFields);
        if (count < BATCH) {
            tx.put(KeyLayout.meta(meta.name()), meta.withIndex(updated.withState(IndexState.READABLE, "")).toBytes());
            tx.delete(cursorKey);
            return true;
        }
        if (updated != index) {
            tx.put(KeyLayout.meta(meta.name()), meta.withIndex(updated).toBytes());
        }
        tx.put(cursorKey, last.getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void fail(CollectionContext context, long indexUid, String message) {
        context.store().inTransaction(tx -> {
            CollectionMeta meta = context.meta(tx);
            meta.indexes().stream().filter(i -> i.uid() == indexUid).findFirst().ifPresent(index -> tx.put(
                    KeyLayout.meta(meta.name()), meta.withIndex(index.withState(IndexState.FAILED, message)).toBytes()));
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
