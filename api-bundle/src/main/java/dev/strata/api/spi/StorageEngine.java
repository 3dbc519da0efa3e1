package dev.strata.api.spi;

import java.nio.file.Path;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open store inside a backend: an ordered byte-key map with snapshot-isolated transactions. Thread-safe: many
 * transactions may be open at once from many threads; one transaction is used by one thread at a time.
 */
@ConsumerType
public interface StorageEngine extends AutoCloseable {

    /**
     * Begins a transaction on a snapshot of the committed data as of now.
     *
     * @throws dev.strata.api.ReadOnlyException for {@link TransactionMode#READ_WRITE} on an engine in read-only mode
     */
    EngineTransaction begin(TransactionMode mode);

    /**
     * Begins a transaction at an isolation level. Core asks only for levels the backend's capabilities declare (or
     * weaker ones). The default serves {@link IsolationLevel#READ_COMMITTED} and {@link IsolationLevel#SNAPSHOT}
     * with a snapshot transaction (a stronger level satisfies a weaker one) and refuses
     * {@link IsolationLevel#SERIALIZABLE}; engines that validate read sets override it.
     *
     * @throws InvalidArgumentException for a level the engine cannot give
     */
    default EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        if (isolation == null) {
            throw new InvalidArgumentException("isolation level must not be null");
        }
        if (!IsolationLevel.SNAPSHOT.satisfies(isolation)) {
            throw new InvalidArgumentException("this backend does not provide " + isolation + " isolation");
        }
        return begin(mode);
    }

    /**
     * Begins a transaction whose snapshot may be taken later than this call: at the latest by its first operation
     * that reads or sends anything (a get, {@code getAll}, a cursor, {@code delete}, {@code deleteRange},
     * {@link EngineTransaction#snapshotSequence()}, a write set sent early, or the commit), never after. From then on
     * it is exactly a transaction of {@link #begin(TransactionMode, IsolationLevel)}: its reads see that snapshot plus
     * its own writes, it conflicts with every transaction that commits a key it wrote (or, at serializable
     * isolation, read) after that snapshot, and its {@code snapshotSequence()} is that snapshot's. For callers that
     * do nothing observable between begin and first operation, where the two cannot be told apart: core's
     * single-call writes ({@code Store.put}, {@code putAll}, {@code delete}), whose first operation is the read of
     * the keys' current records. An engine over a server may then send the begin with that first read, in one round
     * trip. Never for an explicit transaction, whose snapshot is taken at begin. The default is
     * {@link #begin(TransactionMode, IsolationLevel)}.
     *
     * @throws InvalidArgumentException for a level the engine cannot give
     * @throws dev.strata.api.ReadOnlyException for {@link TransactionMode#READ_WRITE} on an engine in read-only mode
     * @since 1.3
     */
    default EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
        return begin(mode, isolation);
    }

    /**
     * Reads one key's committed value as of now, outside any transaction: exactly what a read-only transaction begun
     * now would see for it with that one get ({@code null} when absent). Core serves {@code Store.get} through it.
     * The default does just that (begin read-only, get, close); an engine whose transactions cost more than the read
     * itself (a database server: a round trip to take the snapshot and one to end it) may answer with one statement
     * that reads the newest committed state. It must never see another transaction's uncommitted writes, and must see
     * every commit acknowledged before it was called.
     *
     * @throws dev.strata.api.StorageException as {@link #begin(TransactionMode)} and {@link EngineTransaction#get} would
     * @since 1.2
     */
    default byte[] get(byte[] key) {
        try (EngineTransaction tx = begin(TransactionMode.READ_ONLY)) {
            return tx.get(key);
        }
    }

    /**
     * Why the engine cannot reach its data right now (its database server is down, a network share is gone), one
     * line; empty while it can. Core asks every few seconds and after an operation fails with
     * {@link dev.strata.api.StoreUnavailableException}: while the answer is not empty the store shows
     * {@code UNAVAILABLE} with this reason, and it is served again as soon as the answer is empty, without reopening
     * the engine. Cheap and non-blocking (answer from the engine's last observation; probe in the background);
     * engines whose data is local keep the default.
     */
    default String unavailableReason() {
        return "";
    }

    /** Figures only the engine knows; cheap enough to call every second. */
    EngineMetrics metrics();

    /** Whether the engine refuses writes after a failure (failed fsync, corruption): the store's safe mode. */
    default boolean isReadOnly() {
        return false;
    }

    /**
     * Why the engine refuses writes, in one line for an operator ({@code strata:stores} shows it): what failed and
     * what to do, for example "the MANIFEST is damaged; opened read-only from the last good state, run verify".
     * Empty when the engine is writable. The default gives a generic reason when {@link #isReadOnly()}.
     */
    default String readOnlyReason() {
        return isReadOnly() ? "the engine refuses writes after a failure; see the log" : "";
    }

    /**
     * Whether the engine would gain from {@link #compact()} now (much overwritten or deleted data, too many
     * files). Core asks on its maintenance thread, about every few seconds, and calls {@code compact()} when the
     * answer is true, never while the engine closes. Cheap. The default never asks.
     */
    default boolean wantsCompaction() {
        return false;
    }

    /** Makes everything committed durable and shortens recovery (flush memory tables, trim logs). */
    default void checkpoint() {
    }

    /** Reclaims space held by overwritten and deleted data. Runs in the caller's thread; may take long. */
    default void compact() {
    }

    /**
     * Writes a consistent copy of the store, as of one moment, into an empty target directory, while the engine
     * keeps serving. Only for backends whose capabilities declare {@code nativeSnapshot}; others are backed up
     * through a read-only transaction by core.
     */
    default void snapshot(Path target) {
        throw new UnsupportedOperationException("this backend has no native snapshot; use a logical backup");
    }

    /**
     * Reads every key and value, checking whatever checksums the engine keeps, and reports what it found.
     * The default walks one read-only snapshot.
     */
    default VerifyResult verify() {
        long keys = 0;
        long bytes = 0;
        try (EngineTransaction tx = begin(TransactionMode.READ_ONLY);
             EngineCursor cursor = tx.cursor(KeyRange.ALL, false)) {
            while (cursor.next()) {
                keys++;
                bytes += cursor.key().length + cursor.value().length;
            }
        } catch (dev.strata.api.CorruptionException e) {
            return VerifyResult.damaged(keys, bytes, e.getMessage());
        }
        return VerifyResult.ok(keys, bytes);
    }

    /**
     * Closes the store: everything committed is durable afterwards (as the durability level promised), files and
     * locks are released. Open transactions are aborted. Idempotent.
     */
    @Override
    void close() throws StorageException;
}
