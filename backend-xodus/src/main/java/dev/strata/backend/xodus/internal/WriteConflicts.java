package dev.strata.backend.xodus.internal;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import dev.strata.api.ConflictException;
import dev.strata.api.StorageException;
import dev.strata.api.spi.ByteKeys;

import jetbrains.exodus.env.Transaction;

/**
 * First-committer-wins per key, which Xodus alone does not give: Xodus refuses a commit when any other transaction
 * changed the same Xodus store since this one began, even on other keys. So read-write transactions are numbered
 * here: each remembers the commit number its snapshot was taken at, and every commit records the number under
 * each key it wrote. A commit conflicts only when one of its keys was written by a later commit; otherwise, if
 * Xodus still refuses, the transaction is moved onto the newest snapshot ({@code revert}), its writes replayed, and
 * committed again. Commits run one at a time under this object's lock (Xodus serialises them anyway); numbers of
 * keys no running transaction can conflict on any more are dropped. The commit numbers are the store's commit
 * sequence: each commit writes its number into the store's metadata in the same Xodus transaction, and the count
 * resumes from it when the store opens again.
 */
final class WriteConflicts {

    /** Xodus's own garbage collector commits too; a rebase can lose to it, but not this often. */
    private static final int MAX_REBASES = 100;
    private static final int MIN_PRUNE_SIZE = 4096;

    /** A begun read-write transaction and the commit number of its snapshot. */
    record Begun(Transaction txn, long snapshot) {
    }

    private final Map<ByteBuffer, Long> lastCommitByKey = new HashMap<>();
    private final TreeMap<Long, Integer> runningSnapshots = new TreeMap<>();
    private long lastCommit;
    private int pruneAt = MIN_PRUNE_SIZE;

    /** @param lastCommit the sequence of the store's last commit, as recorded in the store */
    WriteConflicts(long lastCommit) {
        this.lastCommit = lastCommit;
    }

    /** The sequence of the last commit Xodus has written. */
    synchronized long lastCommit() {
        return lastCommit;
    }

    /** Begins the Xodus transaction and numbers its snapshot atomically with respect to commits. */
    synchronized Begun begin(Supplier<Transaction> beginXodus) {
        Transaction txn = beginXodus.get();
        runningSnapshots.merge(lastCommit, 1, Integer::sum);
        return new Begun(txn, lastCommit);
    }

    /** Begins a read-only Xodus transaction and numbers its snapshot; read-only ones are not tracked further. */
    synchronized Begun beginReadOnly(Supplier<Transaction> beginXodus) {
        return new Begun(beginXodus.get(), lastCommit);
    }

    /** The transaction begun at this snapshot has ended (committed or not). */
    synchronized void ended(long snapshot) {
        runningSnapshots.computeIfPresent(snapshot, (number, count) -> count == 1 ? null : count - 1);
    }

    /**
     * @param keys   the keys the transaction wrote
     * @param commitAs Xodus's commit, given the sequence it is to record: false when Xodus refuses it
     * @param rebase   moves the transaction onto the newest snapshot and replays its writes
     * @return the commit's sequence
     * @throws ConflictException when a commit after {@code snapshot} wrote one of the keys
     */
    synchronized long commit(String storeName, long snapshot, Collection<ByteBuffer> keys, LongPredicate commitAs,
            Runnable rebase) {
        for (ByteBuffer key : keys) {
            Long written = lastCommitByKey.get(key);
            if (written != null && written > snapshot) {
                throw new ConflictException("store '" + storeName + "': key " + ByteKeys.toDisplay(key.array())
                        + " was changed by a transaction that committed after this one began; nothing was applied");
            }
        }
        int rebases = 0;
        while (!commitAs.test(lastCommit + 1)) {
            if (++rebases > MAX_REBASES) {
                throw new StorageException("store '" + storeName + "': Xodus refused the commit " + MAX_REBASES + " times");
            }
            rebase.run();
        }
        lastCommit++;
        for (ByteBuffer key : keys) {
            lastCommitByKey.put(key, lastCommit);
        }
        if (lastCommitByKey.size() >= pruneAt) {
            long oldestRunning = runningSnapshots.isEmpty() ? lastCommit : runningSnapshots.firstKey();
            lastCommitByKey.values().removeIf(number -> number <= oldestRunning);
            pruneAt = Math.max(MIN_PRUNE_SIZE, 2 * lastCommitByKey.size());
        }
        return lastCommit;
    }
}
