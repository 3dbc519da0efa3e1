package dev.strata.backend.memory.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.strata.api.ConflictException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.support.ConflictTracker;
import dev.strata.api.spi.support.EngineState;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.TransactionState;

/**
 * The committed data of one store: every key with its version chain, in unsigned key order, plus what decides which
 * versions a snapshot sees and which can go.
 * <p>
 * Reads take no lock: a transaction's snapshot is the timestamp of the newest published commit, and it reads, for
 * each key, the newest version at or before it. Commits are serialised by one lock: they check first-committer-wins
 * (and, for serializable transactions, their read sets) with a {@link ConflictTracker}, enforce the memory limit, install their versions with the next timestamp and only then publish that timestamp, so
 * a half-installed commit is never visible. Right after publishing, the committer prunes: versions no open snapshot
 * can reach are cut off chains, and keys whose deletion every snapshot sees leave the map.
 */
final class VersionedMap {

    private final String storeName;
    private final MemorySettings settings;
    private final ConcurrentSkipListMap<byte[], KeyEntry> keys = new ConcurrentSkipListMap<>(ByteKeys.ORDER);
    private final ReentrantLock commitLock = new ReentrantLock();
    private final SnapshotTracker snapshots = new SnapshotTracker(0);
    private final PruneQueue pruneQueue = new PruneQueue();
    private final LruEvictor evictor = new LruEvictor();
    private final MemoryAccounting accounting = new MemoryAccounting();
    /** Which recent commit wrote which key (guarded by the commit lock); evictions are not recorded. */
    private final ConflictTracker conflicts;
    private final EngineState state;
    private final boolean stampReads;
    final ValueCodec codec;

    /**
     * The highest commit sequence any memory store of this JVM has published. A store begins counting above it, so
     * that a store whose engine is opened again (its data gone) never shows a second state under a sequence it
     * showed before: {@code Transaction.snapshotSequence()} promises one sequence is one state of a store, and layers
     * cache by it (the documents layer's metadata). Raised on every commit, so an engine opened before the previous
     * one closed also starts above it.
     */
    private static final AtomicLong PUBLISHED = new AtomicLong();

    /** The newest published commit; snapshots are taken from here. Even the empty state is numbered anew. */
    private volatile long visible = PUBLISHED.incrementAndGet();
    /** Numbers commit attempts (a failed one does not use up a timestamp); marks the keys an attempt writes. */
    private long commitAttempts;
    /** Items waiting in the prune queue, readable without the lock. */
    private volatile int pendingPrunes;

    VersionedMap(String storeName, MemorySettings settings) {
        this.storeName = storeName;
        this.settings = settings;
        this.stampReads = settings.evicts();
        this.codec = new ValueCodec(settings.deflate());
        this.conflicts = new ConflictTracker(storeName);
        this.state = new EngineState(storeName);
    }

    // ---- reading ----

    MemoryTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        TransactionState txState = new TransactionState(state, mode);
        ensureOpen();
        int stripe = snapshots.stripeOfCurrentThread();
        ReaderEpoch epoch = snapshots.enter(stripe);
        // read only after entering: see SnapshotTracker for why this order makes pruning safe
        long snapshot = visible;
        return new MemoryTransaction(this, txState, isolation, snapshot, epoch, stripe);
    }

    /** The version of the key a snapshot sees if it holds a value, else {@code null}. */
    Version read(byte[] key, long snapshot) {
        KeyEntry entry = keys.get(key);
        if (entry == null) {
            return null;
        }
        Version version = entry.visibleAt(snapshot);
        if (version == null || version.isDeletion()) {
            return null;
        }
        if (stampReads && entry.lastAccess < snapshot) {
            entry.lastAccess = snapshot;
        }
        return version;
    }

    /** The committed keys of a range, in cursor order; weakly consistent, so it streams without copying. */
    Iterator<KeyEntry> entries(KeyRange range, boolean reverse) {
        byte[] lower = range.lower();
        byte[] upper = range.upper();
        ConcurrentNavigableMap<byte[], KeyEntry> view;
        if (lower == null) {
            view = upper == null ? keys : keys.headMap(upper, false);
        } else {
            view = upper == null ? keys.tailMap(lower, true) : keys.subMap(lower, true, upper, false);
        }
        return (reverse ? view.descendingMap() : view).values().iterator();
    }

    /** A transaction is done reading; {@code mayPrune} lets the last reader of a retired epoch finish the pruning. */
    void leave(ReaderEpoch epoch, int stripe, boolean mayPrune) {
        epoch.leave(stripe);
        if (mayPrune && epoch.retired && pendingPrunes > 0 && commitLock.tryLock()) {
            try {
                if (!state.isClosed()) {
                    pruneObsolete();
                }
            } finally {
                commitLock.unlock();
            }
        }
    }

    // ---- committing ----

    /**
     * Applies a transaction's writes atomically.
     *
     * @param reads what a serializable transaction read, or {@code null}
     * @throws ConflictException      when a key it writes (or read) got a newer version after its snapshot
     * @throws QuotaExceededException when the memory limit refuses the commit
     * @return the commit's timestamp, which is its commit sequence
     */
    long commit(MemoryTransaction tx, long snapshot, NavigableMap<byte[], Version> writes, ReadSet reads) {
        int count = writes.size();
        KeyEntry[] entries = new KeyEntry[count];
        boolean[] reserved = new boolean[count];
        commitLock.lock();
        try {
            ensureOpen();
            try {
                conflicts.checkWrites(writes.keySet(), snapshot);
                if (reads != null) {
                    conflicts.checkReads(reads, snapshot);
                }
            } catch (ConflictException e) {
                accounting.conflicted();
                throw e;
            }
            long timestamp = visible + 1;
            long attempt = ++commitAttempts;
            long liveDelta = 0;
            long writtenLiveBytes = 0;
            int i = 0;
            for (Map.Entry<byte[], Version> write : writes.entrySet()) {
                byte[] key = write.getKey();
                // one traversal for the common case of a new key; the reserved slot stays invisible (head null)
                KeyEntry fresh = new KeyEntry(key);
                KeyEntry entry = keys.putIfAbsent(key, fresh);
                if (entry == null) {
                    entry = fresh;
                    reserved[i] = true;
                }
                entries[i++] = entry;
                entry.pinnedBy = attempt;
                long newCost = MemoryAccounting.liveCost(key, write.getValue());
                liveDelta += newCost - MemoryAccounting.liveCost(key, entry.head);
                writtenLiveBytes += newCost;
            }
            if (settings.limited() && liveDelta > 0 && accounting.liveBytes() + liveDelta > settings.limitBytes()) {
                makeRoom(liveDelta, writtenLiveBytes, timestamp, attempt, entries, reserved);
            }
            install(writes, entries, reserved, timestamp);
            conflicts.recordCommit(writes.keySet(), timestamp);
            visible = timestamp;
            PUBLISHED.accumulateAndGet(timestamp, Math::max);
            // this transaction reads no more: its snapshot must not hold back the pruning of what it replaced
            tx.releaseSnapshot(false);
            pruneObsolete();
            return timestamp;
        } finally {
            commitLock.unlock();
        }
    }

    private void makeRoom(long liveDelta, long writtenLiveBytes, long timestamp, long attempt, KeyEntry[] entries,
            boolean[] reserved) {
        long limit = settings.limitBytes();
        long projected = accounting.liveBytes() + liveDelta;
        if (!settings.evicts() || writtenLiveBytes > limit) {
            releaseReservations(entries, reserved, entries.length);
            throw new QuotaExceededException("store '" + storeName + "': the commit would bring the data to "
                    + projected + " bytes; " + MemorySettings.LIMIT + " is " + limit + " bytes ("
                    + accounting.liveBytes() + " in use)"
                    + (settings.evicts() ? ", and this commit alone writes " + writtenLiveBytes : ""));
        }
        // evict down to a low-water mark, so the next commits find room without another pass over every key
        long lowWater = limit - limit / 10;
        evictor.evict(keys.values(), projected - lowWater, attempt, entry -> evict(entry, timestamp));
    }

    private void evict(KeyEntry entry, long timestamp) {
        Version before = entry.head;
        Version deletion = new Version(timestamp, null, -1, true, before);
        entry.head = deletion;
        accounting.versionAdded(deletion);
        accounting.newestChanged(entry.key, before, deletion);
        accounting.evicted();
        pruneQueue.add(entry, timestamp);
    }

    private void releaseReservations(KeyEntry[] entries, boolean[] reserved, int count) {
        for (int i = 0; i < count; i++) {
            if (reserved[i]) {
                keys.remove(entries[i].key, entries[i]);
            }
        }
    }

    private void install(NavigableMap<byte[], Version> writes, KeyEntry[] entries, boolean[] reserved,
            long timestamp) {
        int i = 0;
        for (Version version : writes.values()) {
            KeyEntry entry = entries[i];
            boolean fresh = reserved[i++];
            if (fresh && version.isDeletion()) {
                // deleting a key that is not there: nothing to record
                keys.remove(entry.key, entry);
                continue;
            }
            Version before = entry.head;
            version.timestamp = timestamp;
            version.older = before;
            entry.head = version;
            entry.lastAccess = timestamp;
            if (fresh) {
                accounting.keyAdded(entry.key);
            }
            accounting.versionAdded(version);
            accounting.newestChanged(entry.key, before, version);
            if (before != null) {
                pruneQueue.add(entry, timestamp);
            }
        }
    }

    // ---- pruning ----

    /** Cuts what no snapshot can reach any more. Under the commit lock, after the newest commit was published. */
    private void pruneObsolete() {
        if (pruneQueue.size() > 0 || conflicts.trackedKeys() > 0) {
            long oldest = snapshots.oldestSnapshot(visible);
            while (pruneQueue.hasPrunableItem(oldest)) {
                prune(pruneQueue.removeFirst(), oldest);
            }
            conflicts.forgetUpTo(oldest);
        }
        pendingPrunes = pruneQueue.size();
    }

    private void prune(KeyEntry entry, long oldest) {
        Version newer = null;
        Version v = entry.head;
        while (v != null && v.timestamp > oldest) {
            newer = v;
            v = v.older;
        }
        if (v == null) {
            return;
        }
        // v is what the oldest snapshot sees; everything older than v is unreachable
        if (!v.isDeletion()) {
            Version tail = v.older;
            v.older = null;
            dropVersions(tail);
        } else if (newer != null) {
            // a deletion under newer versions reads the same as no version at all
            newer.older = null;
            dropVersions(v);
        } else if (keys.remove(entry.key, entry)) {
            // every snapshot sees the key deleted: it leaves the map (a reader still holding the entry sees the
            // deletion); a second queue item for the same entry finds it gone and changes nothing
            dropVersions(v);
            accounting.keyRemoved(entry.key);
        }
    }

    private void dropVersions(Version first) {
        for (Version v = first; v != null; v = v.older) {
            accounting.versionPruned(v);
        }
    }

    /** Prunes whatever can be pruned now (the engine's {@code compact()}). */
    void compact() {
        commitLock.lock();
        try {
            if (!state.isClosed()) {
                pruneObsolete();
            }
        } finally {
            commitLock.unlock();
        }
    }

    // ---- lifecycle and figures ----

    void ensureOpen() {
        state.checkOpen();
    }

    boolean isClosed() {
        return state.isClosed();
    }

    String storeName() {
        return storeName;
    }

    /** The engine's figures; takes the commit lock briefly so that they are consistent with each other. */
    EngineMetrics metrics() {
        commitLock.lock();
        try {
            Map<String, Number> extra = accounting.extra(settings.limitBytes(), pruneQueue.size(),
                    snapshots.epochCount());
            return new EngineMetrics(accounting.liveKeys(), accounting.usedBytes(), 0, 0, -1, -1, "n/a", extra);
        } finally {
            commitLock.unlock();
        }
    }

    /** Drops every key (the store's data lives only here) and refuses further work. Idempotent. */
    void close() {
        commitLock.lock();
        try {
            if (!state.close()) {
                return;
            }
            keys.clear();
            pruneQueue.clear();
            pendingPrunes = 0;
            accounting.dataDropped();
            codec.close();
        } finally {
            commitLock.unlock();
        }
    }
}
