package dev.strata.backend.xodus.internal;

import java.util.function.LongPredicate;
import java.util.function.Supplier;

import dev.strata.api.ConflictException;
import dev.strata.api.StorageException;
import dev.strata.api.spi.support.ConflictTracker;
import dev.strata.api.spi.support.OpenSnapshots;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.WriteSet;

import jetbrains.exodus.env.Transaction;

/**
 * First-committer-wins per key and serializable read validation, which Xodus alone does not give: Xodus refuses a
 * commit when any other transaction changed the same Xodus store since this one began, even on other keys. So
 * read-write transactions are numbered here: each remembers the commit number its snapshot was taken at, and the
 * SPI support's {@link ConflictTracker} remembers which commit last wrote each key. A commit conflicts only when a
 * later commit wrote one of its keys (or, serializable, one it read or a key in a range it scanned); otherwise, if
 * Xodus still refuses, the transaction is moved onto the newest snapshot ({@code revert}), its writes replayed,
 * and committed again. Commits run one at a time under this object's lock (Xodus serialises them anyway); what no
 * running read-write transaction can conflict with any more is forgotten ({@link OpenSnapshots}). The commit
 * numbers are the store's commit sequence: each commit writes its number into the store's metadata in the same
 * Xodus transaction, and the count resumes from it when the store opens again.
 */
final class WriteConflicts {

    /** Xodus's own garbage collector commits too; a rebase can lose to it, but not this often. */
    private static final int MAX_REBASES = 100;

    /** A begun read-write transaction and the commit number of its snapshot. */
    record Begun(Transaction txn, long snapshot) {
    }

    private final String storeName;
    private final ConflictTracker tracker;
    private final OpenSnapshots running = new OpenSnapshots();
    private long lastCommit;

    /** @param lastCommit the sequence of the store's last commit, as recorded in the store */
    WriteConflicts(String storeName, long lastCommit) {
        this.storeName = storeName;
        this.tracker = new ConflictTracker(storeName);
        this.lastCommit = lastCommit;
    }

    /** The sequence of the last commit Xodus has written. */
    synchronized long lastCommit() {
        return lastCommit;
    }

    /** Begins the Xodus transaction and numbers its snapshot atomically with respect to commits. */
    synchronized Begun begin(Supplier<Transaction> beginXodus) {
        Transaction txn = beginXodus.get();
        running.register(lastCommit);
        return new Begun(txn, lastCommit);
    }

    /** Begins a read-only Xodus transaction and numbers its snapshot; read-only ones are not tracked further. */
    synchronized Begun beginReadOnly(Supplier<Transaction> beginXodus) {
        return new Begun(beginXodus.get(), lastCommit);
    }

    /** The read-write transaction begun at this snapshot has ended (committed or not); once per {@link #begin}. */
    void ended(long snapshot) {
        running.release(snapshot);
    }

    /**
     * @param writes   the keys the transaction wrote (puts and deletes)
     * @param reads    what a serializable transaction read, or {@code null}
     * @param commitAs Xodus's commit, given the sequence it is to record: false when Xodus refuses it
     * @param rebase   moves the transaction onto the newest snapshot and replays its writes
     * @return the commit's sequence
     * @throws ConflictException when a commit after {@code snapshot} wrote one of the keys written (or read)
     */
    synchronized long commit(long snapshot, WriteSet writes, ReadSet reads, LongPredicate commitAs,
            Runnable rebase) {
        tracker.checkWrites(writes.keys(), snapshot);
        if (reads != null) {
            tracker.checkReads(reads, snapshot);
        }
        int rebases = 0;
        while (!commitAs.test(lastCommit + 1)) {
            if (++rebases > MAX_REBASES) {
                throw new StorageException("store '" + storeName + "': Xodus refused the commit " + MAX_REBASES
                        + " times");
            }
            rebase.run();
        }
        lastCommit++;
        tracker.recordCommit(writes.keys(), lastCommit);
        tracker.forgetUpTo(running.oldest(lastCommit));
        return lastCommit;
    }
}
