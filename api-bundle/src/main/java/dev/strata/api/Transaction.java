package dev.strata.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An explicit transaction. Reads see one snapshot taken at begin (snapshot isolation) plus the transaction's own
 * writes; {@link #commit()} applies every write atomically, or fails with {@link ConflictException} when another
 * transaction committed a write to one of the same keys first (first committer wins: never a lost update).
 * <p>
 * Use try-with-resources: {@link #close()} rolls back a transaction that was not committed.
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

    /** Discards every write. Does nothing when the transaction is no longer open. */
    void rollback();

    /** Rolls back unless committed. */
    @Override
    void close();
}
