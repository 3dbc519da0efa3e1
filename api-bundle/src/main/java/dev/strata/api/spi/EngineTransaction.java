package dev.strata.api.spi;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transaction of an engine. Reads see the snapshot taken at begin plus this transaction's own writes. Keys are
 * non-empty byte arrays of at most {@link ByteKeys#MAX_KEY_BYTES}, ordered unsigned; values are byte arrays
 * (possibly empty) of at most {@link ByteKeys#MAX_VALUE_BYTES}. Engines check both with {@link ByteKeys} and throw
 * {@link dev.strata.api.InvalidArgumentException} without changing anything. Arrays passed in or returned are owned
 * by the receiver: engines copy what they keep.
 */
@ConsumerType
public interface EngineTransaction extends AutoCloseable {

    TransactionMode mode();

    /** @return the value, or {@code null} when absent */
    byte[] get(byte[] key);

    /** @throws dev.strata.api.ReadOnlyException in a read-only transaction */
    void put(byte[] key, byte[] value);

    /**
     * @return whether the key was present (in this transaction's view)
     * @throws dev.strata.api.ReadOnlyException in a read-only transaction
     */
    boolean delete(byte[] key);

    /**
     * A cursor over the keys in the range, in this transaction's view (its own writes included), ascending or
     * descending. The cursor is valid until it or the transaction closes.
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
     * Applies every write atomically and durably (per the store's durability level).
     *
     * @throws dev.strata.api.ConflictException when a transaction that committed after this one began wrote one of
     *                                          the keys this one wrote; nothing of this transaction was applied
     * @throws StorageException                 for any other failure; nothing was acknowledged
     */
    void commit();

    /** Discards the writes. Idempotent; does nothing after commit. */
    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
