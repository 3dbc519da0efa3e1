package dev.strata.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One named store. Each single operation ({@link #get}, {@link #put}, {@link #putAll}, ...) is its own transaction;
 * several operations that must see one snapshot or apply together go in a transaction:
 *
 * <pre>{@code
 * store.inTransaction(tx -> {
 *     long from = Long.parseLong(new String(tx.get("a").orElseThrow()));
 *     tx.put("a", Long.toString(from - 10).getBytes());
 *     tx.put("b", ...);
 * });
 * }</pre>
 *
 * Every open store is also registered as an OSGi service of this type with the properties
 * {@value #NAME_PROPERTY} and {@code strata.backend}.
 */
@ProviderType
public interface Store extends KeyValueOperations {

    /** Service property naming the store. */
    String NAME_PROPERTY = "strata.store";

    /** Keys are strings of 1 to this many UTF-8 bytes. */
    int MAX_KEY_BYTES = 1024;

    /**
     * Values are at most this many bytes (64 MiB) less {@link #VALUE_HEADER_RESERVE}: that much is kept for the
     * metadata stored with each value (times, expiry, tags).
     */
    int MAX_VALUE_BYTES = 64 * 1024 * 1024;

    /** Bytes of {@link #MAX_VALUE_BYTES} kept for a value's metadata (17 KiB). */
    int VALUE_HEADER_RESERVE = 17 * 1024;

    String name();

    /** Name, backend, status and durability, as of now. */
    StoreInfo info();

    /**
     * The engine's figures, as of now; cheap enough to call every second.
     *
     * @throws StoreUnavailableException when the backend is not available
     */
    StoreMetrics metrics();

    /**
     * Reads the store's change feed: the committed changes after feed position {@code cursor} (0 for the oldest
     * kept), whole commits in feed order, at most {@code limit} commits. A store keeps a feed when its setting
     * {@code change.feed.retain} (how many recent commits to keep) is above 0; {@code change.feed.age} also drops
     * commits older than a duration. Feed positions are the store's own, ascending in commit order for any one key
     * (two commits that wrote the same key are in the order they committed); they survive restarts of persistent
     * stores. Changes of a rolled-back transaction are never in it; expired keys removed by the purge are not.
     *
     * @throws ChangesTrimmedException   when retention has dropped commits after {@code cursor}, or when
     *                                   {@code cursor} is no position of this feed (one kept from before a restore
     *                                   or a migration onto another engine, where the feed began anew)
     * @throws InvalidArgumentException  when the store keeps no feed, {@code cursor} is negative or {@code limit} below 1
     * @throws StoreUnavailableException when the backend is not available
     */
    default ChangePage changesAfter(long cursor, int limit) {
        throw new InvalidArgumentException("store '" + name() + "' keeps no change feed");
    }

    /**
     * Begins an explicit transaction; close it (try-with-resources) to roll back what was not committed. Only the
     * mode and isolation level of the options apply (attempts and timeout are for {@link #inTransaction}).
     *
     * @throws StoreUnavailableException when the backend is not available
     * @throws InvalidArgumentException  when the store's backend does not provide the isolation level
     */
    Transaction begin(TransactionOptions options);

    /** Begins an explicit transaction at snapshot isolation. */
    default Transaction begin(TransactionMode mode) {
        return begin(TransactionOptions.of(mode));
    }

    default Transaction begin() {
        return begin(TransactionOptions.DEFAULT);
    }

    /** Runs the action in a read-write transaction and commits it, retrying on conflict (see {@link TransactionOptions#DEFAULT}). */
    default void inTransaction(TransactionAction action) {
        inTransaction(TransactionOptions.DEFAULT, action);
    }

    default void inTransaction(TransactionOptions options, TransactionAction action) {
        inTransactionResult(options, tx -> {
            action.run(tx);
            return null;
        });
    }

    /** Like {@link #inTransaction(TransactionAction)}, returning the result of the last (committed) attempt. */
    default <T> T inTransactionResult(TransactionWork<T> work) {
        return inTransactionResult(TransactionOptions.DEFAULT, work);
    }

    /**
     * Runs the work and commits. On {@link ConflictException} the transaction is rolled back and the work runs again
     * on a fresh snapshot, up to {@code options.maxAttempts()} times and within {@code options.timeout()}; any other
     * exception rolls back and propagates at once.
     */
    <T> T inTransactionResult(TransactionOptions options, TransactionWork<T> work);

    /** Runs the work on one read-only snapshot. */
    default <T> T read(TransactionWork<T> work) {
        return inTransactionResult(TransactionOptions.READ_ONLY, work);
    }
}
