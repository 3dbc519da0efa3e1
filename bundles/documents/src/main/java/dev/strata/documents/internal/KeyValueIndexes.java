package dev.strata.documents.internal;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyPattern;
import dev.strata.api.Scan;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.Store;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionOptions;
import dev.strata.api.WriteHook;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.KeyValueIndex;

/**
 * Secondary indexes over plain key-value entries holding JSON, kept by a {@link WriteHook}: every put or delete of a
 * key an index's pattern selects updates its entries in the writing transaction (so they commit, roll back and
 * conflict with the write, on any engine).
 * <p>
 * Which indexes a write maintains comes from memory, not from the writer's snapshot: an index is maintained by every
 * write from the moment it is registered here, whatever the writer's snapshot. Creating one then waits until every
 * transaction that wrote before the registration (the hook saw them all) has ended, and only then reads the existing
 * entries, in batches with fresh snapshots. A writer racing a batch writes an index key the batch also writes (the
 * entry of the value the batch read, which the writer deletes), so one of them conflicts and retries. Planning reads
 * the metadata of the query's own snapshot, where an index is READABLE only once built.
 */
final class KeyValueIndexes implements WriteHook {

    static final int BATCH = 200;
    static final Duration WRITERS_TIMEOUT = Duration.ofSeconds(30);
    /** A batch conflicts with every writer of one of its keys: under busy writers it needs more tries than a write. */
    static final TransactionOptions BUILD_TRANSACTIONS = TransactionOptions.DEFAULT.withMaxAttempts(1000)
            .withTimeout(Duration.ofMinutes(2));

    /** The indexes each store's writes maintain (by store name; one process per store). */
    private final Map<String, KeyValueIndexMeta> live = new ConcurrentHashMap<>();
    /** Transactions that wrote (or are writing) a key, for a creation to wait for; weak: ended ones go away. */
    private final Set<Transaction> writers = Collections.newSetFromMap(new WeakHashMap<>());
    /**
     * The last transaction seen writing, so a writer is added to {@link #writers} once, not per write. Weakly: a
     * transaction holds its engine, and a strong reference here kept an uninstalled backend's class loader alive
     * (XodusThreadsIT).
     */
    private volatile WeakReference<Transaction> lastWriter = new WeakReference<>(null);

    @Override
    public boolean wants(String store, Transaction tx, String key) {
        if (key.startsWith(DocumentStore.KEY_PREFIX)) {
            return false;
        }
        if (lastWriter.get() != tx) {
            synchronized (writers) {
                writers.add(tx); // before reading the registry: a creation that missed this write waits for tx
            }
            lastWriter = new WeakReference<>(tx);
        }
        KeyValueIndexMeta meta = live.get(store);
        return meta == null || meta.covers(key); // not loaded yet: beforeWrite loads it from the transaction
    }

    @Override
    public void beforeWrite(String store, Transaction tx, String key, byte[] value) {
        KeyValueIndexMeta meta = live.computeIfAbsent(store, s -> KeyValueIndexMeta.read(tx));
        Map<String, Object> before = null;
        boolean beforeRead = false;
        for (KeyValueIndexMeta.Indexed indexed : meta.indexes()) {
            if (!indexed.keys().matches(key)) {
                continue;
            }
            if (!beforeRead) {
                before = tx.get(key).map(KeyValueQueries::jsonObject).orElse(null);
                beforeRead = true;
            }
            Map<String, Object> after = value == null ? null : KeyValueQueries.jsonObject(value);
            IndexKeys.Entries was = IndexKeys.of(KeyValueIndexMeta.UID, indexed.index(), key, before);
            IndexKeys.Entries is = IndexKeys.of(KeyValueIndexMeta.UID, indexed.index(), key, after); // may refuse
            for (String old : was.keys()) {
                if (!is.keys().contains(old)) {
                    tx.delete(old);
                }
            }
            for (String entry : is.keys()) {
                tx.put(entry, is.value());
            }
            recordArrays(store, tx, indexed, is.arrayFields());
        }
    }

    /**
     * Writes into the transaction's metadata that the index now has these array paths (or that it exists at all,
     * when the writer's snapshot predates it: that write conflicts with the creation, and the writer retries).
     */
    private void recordArrays(String store, Transaction tx, KeyValueIndexMeta.Indexed indexed, Set<String> arrays) {
        if (arrays.isEmpty()) {
            return;
        }
        KeyValueIndexMeta persisted = KeyValueIndexMeta.read(tx);
        Optional<IndexMeta> inSnapshot = persisted.indexes().stream().map(KeyValueIndexMeta.Indexed::index)
                .filter(i -> i.uid() == indexed.index().uid()).findFirst();
        if (inSnapshot.isEmpty() && indexed.index().uid() < persisted.nextUid()) {
            // dropped in this snapshot (its uid was handed out before): never write it back. The writer read the
            // registry just before the drop updated it; its entries go with the drop's range delete, which waits
            // for it. Writing the index back here left it READABLE and empty (ConcurrentKeyValueIndexTest).
            return;
        }
        IndexMeta known = inSnapshot.orElse(indexed.index());
        IndexMeta widened = known.withArrayFields(arrays);
        if (widened != known || persisted.index(known.name()).isEmpty()) {
            tx.put(KeyValueIndexMeta.KEY, persisted.with(new KeyValueIndexMeta.Indexed(indexed.pattern(),
                    indexed.keys(), widened)).toBytes());
            live.computeIfPresent(store, (s, m) -> m.index(known.name()).map(i -> m.with(new KeyValueIndexMeta.Indexed(
                    i.pattern(), i.keys(), i.index().withArrayFields(arrays)))).orElse(m));
        }
    }

    List<KeyValueIndex> list(Store store) {
        resume(store);
        return KeyValueIndexMeta.read(store).indexes().stream().map(KeyValueIndexMeta.Indexed::info).toList();
    }

    synchronized KeyValueIndex create(Store store, KeyValueIndex definition) {
        resume(store);
        KeyValueIndexMeta.Indexed indexed = store.inTransactionResult(tx -> {
            KeyValueIndexMeta meta = KeyValueIndexMeta.read(tx);
            if (meta.index(definition.name()).isPresent()) {
                throw new InvalidArgumentException("store '" + store.name() + "' already has a key-value index '"
                        + definition.name() + "'");
            }
            KeyValueIndexMeta.Indexed created = KeyValueIndexMeta.create(definition, meta.nextUid());
            tx.put(KeyValueIndexMeta.KEY, meta.with(created).toBytes());
            return created;
        });
        live.compute(store.name(), (s, m) -> (m == null ? KeyValueIndexMeta.read(store) : m).with(indexed));
        try {
            awaitEarlierWriters(store);
            build(store, indexed);
        } catch (RuntimeException e) {
            drop(store, definition.name());
            throw e;
        }
        return KeyValueIndexMeta.read(store).index(definition.name()).orElseThrow().info();
    }

    synchronized boolean drop(Store store, String name) {
        boolean dropped = store.inTransactionResult(tx -> {
            KeyValueIndexMeta meta = KeyValueIndexMeta.read(tx);
            if (meta.index(name).isEmpty()) {
                return false;
            }
            tx.put(KeyValueIndexMeta.KEY, meta.without(name).toBytes()); // queries stop using it first
            return true;
        });
        KeyValueIndexMeta before = live.get(store.name());
        live.computeIfPresent(store.name(), (s, m) -> m.without(name));
        if (before != null && before.index(name).isPresent()) {
            awaitEarlierWriters(store); // writers that still maintained it are done: its range stays empty
            String prefix = KeyLayout.indexPrefix(KeyValueIndexMeta.UID, before.index(name).get().index().uid());
            deleteRange(store, prefix);
        }
        return dropped;
    }

    /** Builds the indexes an interrupted creation left WRITE_ONLY (no writer of this process predates them). */
    private void resume(Store store) {
        if (live.containsKey(store.name())) {
            return;
        }
        KeyValueIndexMeta meta = live.computeIfAbsent(store.name(), s -> KeyValueIndexMeta.read(store));
        for (KeyValueIndexMeta.Indexed indexed : meta.indexes()) {
            if (indexed.index().state() == IndexState.WRITE_ONLY) {
                build(store, indexed);
            }
        }
    }

    private void awaitEarlierWriters(Store store) {
        List<Transaction> earlier;
        synchronized (writers) {
            earlier = new ArrayList<>(writers);
        }
        long deadline = System.nanoTime() + WRITERS_TIMEOUT.toNanos();
        for (Transaction tx : earlier) {
            while (tx.isOpen()) {
                if (System.nanoTime() > deadline) {
                    throw new StorageTimeoutException("store '" + store.name() + "': a transaction that began before "
                            + "the key-value index stayed open for " + WRITERS_TIMEOUT.toSeconds() + " s");
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageTimeoutException("interrupted while waiting for earlier writers");
                }
            }
        }
    }

    /** Indexes the entries already there in batches (key order), then makes the index READABLE. */
    private void build(Store store, KeyValueIndexMeta.Indexed indexed) {
        KeyPattern keys = indexed.keys();
        Batch batch = new Batch(null, false);
        while (!batch.done()) {
            String last = batch.reached(); // advanced only by a committed batch, never by an attempt that conflicted
            batch = store.inTransactionResult(BUILD_TRANSACTIONS, tx -> {
                String from = last == null ? null : last + "\u0000";
                Map<String, byte[]> puts = new LinkedHashMap<>();
                Set<String> arrays = new LinkedHashSet<>();
                String reached = last;
                int count = 0;
                try (EntryCursor cursor = tx.scan(new Scan(null, from, null, keys, false, BATCH))) {
                    while (cursor.hasNext()) {
                        Entry entry = cursor.next();
                        count++;
                        reached = entry.key();
                        if (entry.key().startsWith(DocumentStore.KEY_PREFIX)) {
                            continue;
                        }
                        IndexKeys.Entries entries = IndexKeys.of(KeyValueIndexMeta.UID, indexed.index(), entry.key(),
                                KeyValueQueries.jsonObject(entry.value()));
                        entries.keys().forEach(k -> puts.put(k, entries.value()));
                        arrays.addAll(entries.arrayFields());
                    }
                }
                puts.forEach(tx::put);
                KeyValueIndexMeta meta = KeyValueIndexMeta.read(tx);
                KeyValueIndexMeta.Indexed current = meta.index(indexed.index().name()).orElseThrow(() ->
                        new InvalidArgumentException("key-value index '" + indexed.index().name() + "' was dropped"));
                IndexMeta next = current.index().withArrayFields(arrays);
                boolean finished = count < BATCH;
                if (finished) {
                    next = next.withState(IndexState.READABLE, "");
                }
                if (next != current.index()) {
                    tx.put(KeyValueIndexMeta.KEY, meta.with(new KeyValueIndexMeta.Indexed(current.pattern(),
                            current.keys(), next)).toBytes());
                }
                return new Batch(reached, finished);
            });
        }
        live.computeIfPresent(store.name(), (s, m) -> m.index(indexed.index().name())
                .map(i -> m.with(new KeyValueIndexMeta.Indexed(i.pattern(), i.keys(),
                        i.index().withState(IndexState.READABLE, "")))).orElse(m));
    }

    /** How far a build got: the last key a committed batch read, and whether it was the last batch. */
    private record Batch(String reached, boolean done) {
    }

    private static void deleteRange(Store store, String prefix) {
        boolean more = true;
        while (more) {
            more = store.inTransactionResult(tx -> {
                List<String> keys = new ArrayList<>();
                try (EntryCursor cursor = tx.scan(Scan.prefix(prefix).limit(BATCH))) {
                    cursor.forEachRemaining(e -> keys.add(e.key()));
                }
                keys.forEach(tx::delete);
                return keys.size() == BATCH;
            });
        }
    }
}
