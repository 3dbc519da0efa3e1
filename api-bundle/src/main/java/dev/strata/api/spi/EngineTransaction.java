package dev.strata.api.spi;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transaction of an engine. Reads see the snapshot taken at begin plus this transaction's own writes. Keys are
 * non-empty byte arrays of at most {@link ByteKeys#MAX_KEY_BYTES}, ordered unsigned; values are byte arrays
 * (possibly empty) of at most {@link ByteKeys#MAX_VALUE_BYTES}. Engines check both with {@link ByteKeys} and throw
 * {@link dev.strata.api.InvalidArgumentException} without changing anything. Arrays passed in or returned are owned
 * by the receiver: engines copy what they keep.
 * <p>
 * <b>Conflicts (every engine, every isolation level).</b> A transaction's write set is every key it put or deleted.
 * A delete is a write whether or not the key was there: deleting an absent key, or putting and then deleting a key
 * in the same transaction, leaves a tombstone that conflicts like any other write. So when two transactions whose
 * lifetimes overlap both write a key (put or delete, in either combination), the second to commit fails with
 * {@link dev.strata.api.ConflictException} and applies nothing, whichever keys it wrote cleanly and wherever the
 * conflicting key sorts among them. Checkpoints, flushes and compactions in between change nothing about that.
 * <p>
 * <b>Isolation.</b> At {@link IsolationLevel#SNAPSHOT} every read sees the snapshot taken at begin plus the
 * transaction's own writes. At {@link IsolationLevel#SERIALIZABLE} commit also fails with a conflict when a
 * transaction that committed after the snapshot wrote a key this one read (with {@link #get}, {@link #getAll},
 * {@link #delete}, which reads whether the key is there) or a key inside the part of a range one of its cursors
 * covered (empty results included, so a phantom is caught). A read-only transaction never conflicts.
 * {@link dev.strata.api.spi.support} has the write set, overlay cursor, conflict tracker and read set that
 * implement these rules.
 * <p>
 * <b>State.</b> After commit or abort every call but {@link #abort()} and {@link #close()} throws
 * {@link IllegalStateException}; once the engine is closed every call but those throws
 * {@link dev.strata.api.StoreUnavailableException} and the transaction is rolled back (a transaction left open when
 * its engine closes never commits).
 */
@ConsumerType
public interface EngineTransaction extends AutoCloseable {

    TransactionMode mode();

    /** The level this transaction runs at; at least the one it was begun with. */
    default IsolationLevel isolation() {
        return IsolationLevel.SNAPSHOT;
    }

    /**
     * The commit sequence of this transaction's snapshot: every commit numbered up to it is visible, none after.
     * Commit sequences are assigned in commit order, grow strictly and never repeat for a store; a persistent engine
     * keeps counting across restarts (a reopened store's first commit is numbered above every earlier one).
     */
    long snapshotSequence();

    /** @return the value, or {@code null} when absent */
    byte[] get(byte[] key);

    /** @throws dev.strata.api.ReadOnlyException in a read-only transaction */
    void put(byte[] key, byte[] value);

    /**
     * Deletes the key. Always a write (a tombstone), even when the key is absent: see the class comment.
     *
     * @return whether the key was present (in this transaction's view)
     * @throws dev.strata.api.ReadOnlyException in a read-only transaction
     */
    boolean delete(byte[] key);

    /**
     * A cursor over the keys in the range, in this transaction's view (its own writes included), ascending or
     * descending. The cursor is valid until it or the transaction closes; its {@code key()} and {@code value()}
     * return arrays the caller may keep and change (copies, never the engine's own).
     */
    EngineCursor cursor(KeyRange range, boolean reverse);

    /** Several reads from the same snapshot; the result has one slot per key ({@code null} when absent). */
    default List<byte[]> getAll(List<byte[]> keys) {
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(get(key));
        }
        return values;
    }

    /**
     * Puts each key that has no value in this transaction's view (its own writes included) and leaves every other
     * key unwritten: the read before a write, for keys that turn out to be new, done in the same call. The result has
     * one slot per key, like {@link #getAll}'s: {@code null} where the key was absent and now holds its value, the
     * current value (read from the same snapshot as {@link #getAll} reads) where it was present and is unchanged.
     * Keys must be distinct; {@code values} has one value per key. A key written here is a write like a {@link #put}
     * (it conflicts with a concurrent writer, see the class comment); a key left unwritten was read. An engine may
     * report a conflict from this call already (as {@link dev.strata.api.ConflictException}) instead of at commit,
     * when a transaction that committed after the snapshot wrote one of the keys. The default reads with
     * {@link #getAll} and puts the absent keys; an engine over a server answers it in one statement, so a caller that
     * must know what it overwrites (core keeps a record's creation time and version) reads nothing first for keys
     * that are new.
     *
     * @return the current value of each key that was present, {@code null} for each key written
     * @throws dev.strata.api.ReadOnlyException in a read-only transaction
     * @since 1.4
     */
    default List<byte[]> putAllIfAbsent(List<byte[]> keys, List<byte[]> values) {
        if (mode() == TransactionMode.READ_ONLY) {
            throw new dev.strata.api.ReadOnlyException("a read-only transaction cannot put");
        }
        ByteKeys.checkBatch(keys, values, "putAllIfAbsent");
        List<byte[]> current = getAll(keys);
        for (int i = 0; i < keys.size(); i++) {
            if (current.get(i) == null) {
                put(keys.get(i), values.get(i));
            }
        }
        return current;
    }

    /**
     * Deletes every key in the range (in this transaction's view, own writes included) as part of this transaction.
     * The default walks a cursor and deletes key by key; engines with a native range delete override it.
     *
     * @return how many keys were present and are now deleted
     * @throws dev.strata.api.ReadOnlyException in a read-only transaction
     */
    default long deleteRange(KeyRange range) {
        if (mode() == TransactionMode.READ_ONLY) {
            throw new dev.strata.api.ReadOnlyException("a read-only transaction cannot delete");
        }
        List<byte[]> keys = new ArrayList<>();
        try (EngineCursor cursor = cursor(range, false)) {
            while (cursor.next()) {
                keys.add(cursor.key().clone());
            }
        }
        long deleted = 0;
        for (byte[] key : keys) {
            if (delete(key)) {
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Applies every write atomically and durably (per the store's durability level).
     *
     * @return the commit sequence assigned to this transaction, greater than every sequence committed before; for a
     *         transaction that wrote nothing (or a read-only one), its {@link #snapshotSequence()}
     * @throws dev.strata.api.ConflictException when a transaction that committed after this one began wrote one of
     *                                          the keys this one wrote (or, at serializable isolation, read); nothing
     *                                          of this transaction was applied
     * @throws StorageException                 for any other failure; nothing was acknowledged
     */
    long commit();

    /** Discards the writes. Idempotent; does nothing after commit. */
    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
