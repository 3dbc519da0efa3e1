package dev.strata.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An explicit transaction. Reads see one snapshot taken at begin (snapshot isolation) plus the transaction's own
 * writes; {@link #commit()} applies every write atomically, or fails with {@link ConflictException} when another
 * transaction committed a write to one of the same keys first (first committer wins: never a lost update).
 * <p>
 * Use try-with-resources: {@link #close()} rolls back a transaction that was not committed. Savepoints
 * ({@link #setSavepoint()}, {@link #rollbackTo}, {@link #release}) undo part of a transaction.
 */
@ProviderType
public interface Transaction extends KeyValueOperations, AutoCloseable {

    TransactionMode mode();

    /** The isolation level this transaction runs at (at least the one it asked for). */
    IsolationLevel isolation();

    /**
     * The commit sequence of the snapshot this transaction reads: it sees every commit numbered up to this and none
     * after. Sequences grow with every commit of the store and never repeat (persistent backends keep counting
     * across restarts), so a backup can say exactly which state it holds.
     */
    long snapshotSequence();

    /** Whether commit or rollback may still be called. */
    boolean isOpen();

    /**
     * Makes every write of this transaction durable (as the store's durability level defines) and visible.
     *
     * @throws ConflictException         when a concurrent commit wrote one of the same keys; nothing was applied
     * @throws StoreUnavailableException when the backend went away; nothing was applied
     * @throws IllegalStateException     when the transaction is no longer open
     * @return the commit sequence of this transaction's writes, greater than every sequence committed before it;
     *         for a transaction that wrote nothing, its {@link #snapshotSequence()}
     */
    long commit();

    /**
     * Marks the current state of this transaction's writes, to roll back to later with {@link #rollbackTo}.
     * Savepoints nest: setting one while others are active adds an inner one.
     *
     * @throws IllegalStateException when the transaction is no longer open
     */
    Savepoint setSavepoint();

    /**
     * Undoes every write this transaction made since the savepoint was set: reads see each key as it was at that
     * point again. The savepoint stays active (roll back to it again as often as needed); savepoints set after it
     * are released. Keys written and rolled back stay in the transaction's write set for conflict checks (the
     * store restores their earlier values by writing them again), so a concurrent commit to such a key still makes
     * this transaction's commit conflict.
     *
     * @throws InvalidArgumentException when the savepoint is not an active savepoint of this transaction
     * @throws IllegalStateException    when the transaction is no longer open
     */
    void rollbackTo(Savepoint savepoint);

    /**
     * Forgets the savepoint (and every savepoint set after it) and keeps the writes made since.
     *
     * @throws InvalidArgumentException when the savepoint is not an active savepoint of this transaction
     * @throws IllegalStateException    when the transaction is no longer open
     */
    void release(Savepoint savepoint);

    /** Discards every write. Does nothing when the transaction is no longer open. */
    void rollback();

    /** Rolls back unless committed. */
    @Override
    void close();
}
