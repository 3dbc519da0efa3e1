package dev.strata.core.internal.fallback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.KeyMetadata;
import dev.strata.api.KeyOrder;
import dev.strata.api.PutOptions;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.Savepoint;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.core.internal.Keys;

/**
 * A transaction of a store on its fallback: its writes are buffered and journaled as one entry at commit (all or
 * nothing, in the order made). It reads its own writes, then the journal, then the store's engine while that is up
 * ({@link FallbackRoute#get}). Scans and key metadata need the engine's whole state and the journal's together,
 * so they are refused with {@link dev.strata.api.StoreUnavailableException} until the replay is done.
 * <p>
 * {@code delete} reports whether the key had a value the transaction could see; while the engine is away a key not
 * written since then reads as unknown, and its delete reports {@code false}. {@code commit} returns the journal's
 * sequence number of the entry, and {@link #snapshotSequence()} is 0: neither is comparable with the engine's.
 */
final class FallbackTransaction implements Transaction {

    private record Mark(int id, int size) implements Savepoint { }

    private final FallbackRoute route;
    private final TransactionMode mode;
    private final IsolationLevel isolation;
    private final LongSupplier clock;
    private final List<JournalOp> ops = new ArrayList<>();
    private final List<Mark> savepoints = new ArrayList<>();
    private int nextSavepoint = 1;
    private boolean open = true;

    FallbackTransaction(FallbackRoute route, TransactionMode mode, IsolationLevel isolation, LongSupplier clock) {
        this.route = route;
        this.mode = mode;
        this.isolation = isolation;
        this.clock = clock;
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    @Override
    public IsolationLevel isolation() {
        return isolation;
    }

    @Override
    public long snapshotSequence() {
        checkOpen();
        return 0;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Optional<byte[]> get(String key) {
        Keys.encode(key);
        checkOpen();
        for (int i = ops.size() - 1; i >= 0; i--) {
            JournalOp op = ops.get(i);
            if (op.key().equals(key)) {
                return op.delete() || op.expiredBy(clock.getAsLong()) ? Optional.empty() : Optional.of(op.value().clone());
            }
        }
        return route.get(key);
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Keys.checkKeys(keys);
        Map<String, byte[]> found = new TreeMap<>(KeyOrder::compare);
        for (String key : keys) {
            get(key).ifPresent(value -> found.put(key, value));
        }
        return found;
    }

    @Override
    public EntryCursor scan(Scan scan) {
        checkOpen();
        throw route.unavailable("scans wait for the replay of its journal");
    }

    @Override
    public Optional<KeyMetadata> metadata(String key) {
        Keys.encode(key);
        checkOpen();
        throw route.unavailable("key metadata waits for the replay of its journal");
    }

    @Override
    public void put(String key, byte[] value) {
        put(key, value, PutOptions.DEFAULT);
    }

    @Override
    public void put(String key, byte[] value, PutOptions options) {
        Keys.encode(key);
        Keys.checkValue(key, value);
        if (options == null) {
            throw new InvalidArgumentException("put options must not be null");
        }
        checkWritable();
        ops.add(JournalOp.put(key, value, options, clock.getAsLong()));
    }

    @Override
    public void putAll(Map<String, byte[]> entries) {
        Keys.checkEntries(entries);
        checkWritable();
        long now = clock.getAsLong();
        entries.forEach((key, value) -> ops.add(JournalOp.put(key, value, PutOptions.DEFAULT, now)));
    }

    @Override
    public boolean delete(String key) {
        Keys.encode(key);
        checkWritable();
        boolean present;
        try {
            present = get(key).isPresent();
        } catch (dev.strata.api.StoreUnavailableException unknown) {
            present = false; // not written since the engine went away: the engine alone knows
        }
        ops.add(JournalOp.delete(key));
        return present;
    }

    @Override
    public long commit() {
        checkOpen();
        open = false;
        return ops.isEmpty() ? 0 : route.commit(List.copyOf(ops));
    }

    @Override
    public Savepoint setSavepoint() {
        checkOpen();
        Mark mark = new Mark(nextSavepoint++, ops.size());
        savepoints.add(mark);
        return mark;
    }

    @Override
    public void rollbackTo(Savepoint savepoint) {
        int at = indexOf(savepoint);
        Mark mark = savepoints.get(at);
        ops.subList(mark.size(), ops.size()).clear();
        savepoints.subList(at + 1, savepoints.size()).clear();
    }

    @Override
    public void release(Savepoint savepoint) {
        savepoints.subList(indexOf(savepoint), savepoints.size()).clear();
    }

    @Override
    public void rollback() {
        open = false;
        ops.clear();
    }

    @Override
    public void close() {
        if (open) {
            rollback();
        }
    }

    private int indexOf(Savepoint savepoint) {
        checkOpen();
        int at = savepoint instanceof Mark ? savepoints.indexOf(savepoint) : -1;
        if (at < 0) {
            throw new InvalidArgumentException("savepoint " + (savepoint == null ? null : savepoint.id())
                    + " is not an active savepoint of this transaction");
        }
        return at;
    }

    private void checkWritable() {
        checkOpen();
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("a read-only transaction cannot write");
        }
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("transaction on the fallback of a store is no longer open");
        }
    }
}
