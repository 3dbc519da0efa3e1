package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.strata.api.Change;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.KeyMetadata;
import dev.strata.api.KeyOrder;
import dev.strata.api.PutOptions;
import dev.strata.api.Savepoint;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.WriteHook;
import dev.strata.api.spi.EngineTransaction;

/**
 * A client transaction over one engine transaction: string keys, validation, error translation, values in their
 * record envelope with expiry checked on every read ({@link ValueRecords}, {@link RecordWriter}), and the engine
 * lease, which it holds from begin until commit or rollback so the engine cannot close under it.
 */
final class ManagedTransaction implements Transaction {

    private final OpenEngine engine;
    private final EngineTransaction tx;
    private final SavepointLog savepoints = new SavepointLog();
    private final ValueRecords records;
    /** How this transaction tells records from older-format values ({@link RecordView}). */
    private final RecordView view;
    private final RecordWriter writer;
    private boolean open = true;
    /** User keys written, with whether the last write was a put: for the change listeners. */
    private final TouchedKeys touched = new TouchedKeys();
    private boolean rolledBackToSavepoint;
    /** While a write hook runs: its own writes are not offered to hooks again. */
    private boolean inHook;

    ManagedTransaction(OpenEngine engine, EngineTransaction tx) {
        this.engine = engine;
        this.tx = tx;
        this.records = engine.records();
        this.view = records.view(tx);
        this.writer = new RecordWriter(view, tx, savepoints);
    }

    @Override
    public TransactionMode mode() {
        return tx.mode();
    }

    @Override
    public IsolationLevel isolation() {
        return tx.isolation();
    }

    @Override
    public long snapshotSequence() {
        return call(tx::snapshotSequence);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] encoded = Keys.encode(key);
        return Optional.ofNullable(call(() -> view.liveValue(encoded, tx.get(encoded))));
    }

    @Override
    public Optional<KeyMetadata> metadata(String key) {
        byte[] encoded = Keys.encode(key);
        return Optional.ofNullable(call(() -> view.metadata(encoded, tx.get(encoded))));
    }

    @Override
    public List<String> keysTagged(String tag, int limit) {
        TagIndex.check(tag, limit);
        return call(() -> TagIndex.keys(tx, view, tag, limit));
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Keys.checkKeys(keys);
        List<byte[]> encoded = new ArrayList<>(keys.size());
        for (String key : keys) {
            encoded.add(Keys.encode(key));
        }
        return call(() -> {
            List<byte[]> values = tx.getAll(encoded);
            Map<String, byte[]> found = new TreeMap<>(KeyOrder::compare);
            int i = 0;
            for (String key : keys) {
                byte[] value = view.liveValue(encoded.get(i), values.get(i++));
                if (value != null) {
                    found.put(key, value);
                }
            }
            return found;
        });
    }

    @Override
    public EntryCursor scan(Scan scan) {
        ScanPlan plan = ScanPlan.of(scan);
        if (plan.isEmpty()) {
            return ScanCursor.empty(plan);
        }
        return new ScanCursor(view, call(() -> tx.cursor(plan.range(), scan.descending())), plan, () -> { });
    }

    @Override
    public void put(String key, byte[] value) {
        put(key, value, PutOptions.DEFAULT);
    }

    @Override
    public void put(String key, byte[] value, PutOptions options) {
        byte[] encoded = Keys.encode(key);
        Keys.checkValue(key, value);
        if (options == null) {
            throw new InvalidArgumentException("put options must not be null");
        }
        call(() -> hooked(key, value, () -> {
            writer.put(encoded, value, options);
            return null;
        }));
        touched.put(key, true);
    }

    @Override
    public void putAll(Map<String, byte[]> entries) {
        if (entries == null) {
            throw new InvalidArgumentException("entries must not be null");
        }
        // every entry checked (and its key encoded once) before anything is written, so a bad one changes nothing
        List<byte[]> keys = new ArrayList<>(entries.size());
        List<byte[]> values = new ArrayList<>(entries.size());
        List<String> names = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> {
            names.add(key);
            keys.add(Keys.encode(key));
            Keys.checkValue(key, value);
            values.add(value);
        });
        if (!inHook && entries.keySet().stream()
                .anyMatch(key -> !engine.changes().hub().hooksWanting(engine.store(), this, key).isEmpty())) {
            // a write hook wants one of them: each write after its hooks, one by one, all or nothing per key
            run(() -> entries.forEach((key, value) -> {
                hooked(key, value, () -> {
                    writer.put(Keys.encode(key), value, PutOptions.DEFAULT);
                    return null;
                });
                touched.put(key, true);
            }));
            return;
        }
        run(() -> {
            writer.putAll(keys, values);
            touched.putAll(names.toArray(new String[0]));
        });
    }

    @Override
    public boolean delete(String key) {
        byte[] encoded = Keys.encode(key);
        return call(() -> {
            boolean present = hooked(key, null, () -> writer.delete(encoded));
            touched.put(key, false);
            return present;
        });
    }

    /** Reads one of core's own records (a {@code 0xFF} key: the fallback replay's watermark) in this transaction. */
    byte[] coreRecord(byte[] key) {
        return call(() -> tx.get(key));
    }

    /** Writes one of core's own records in this transaction, so that it commits with the user's writes or not. */
    void coreRecord(byte[] key, byte[] value) {
        run(() -> tx.put(key, value));
    }

    /**
     * Applies a validated write, after the write hooks that want it ({@link WriteHook}), all or nothing: a savepoint
     * around them undoes the hooks' writes when a hook or the write fails. Without a hook, just the write.
     */
    private <T> T hooked(String key, byte[] value, Supplier<T> write) {
        List<WriteHook> hooks = inHook ? List.of() : engine.changes().hub().hooksWanting(engine.store(), this, key);
        if (hooks.isEmpty()) {
            return write.get();
        }
        Savepoint before = savepoints.set();
        try {
            inHook = true;
            for (WriteHook hook : hooks) {
                hook.beforeWrite(engine.store(), this, key, value);
            }
            inHook = false;
            return write.get();
        } catch (RuntimeException e) {
            inHook = false;
            savepoints.rollbackTo(tx, before);
            throw e;
        } finally {
            inHook = false;
            savepoints.release(before);
        }
    }

    @Override
    public Savepoint setSavepoint() {
        checkOpen();
        return savepoints.set();
    }

    @Override
    public void rollbackTo(Savepoint savepoint) {
        run(() -> savepoints.rollbackTo(tx, savepoint));
        rolledBackToSavepoint = true;
    }

    @Override
    public void release(Savepoint savepoint) {
        run(() -> savepoints.release(savepoint));
    }

    @Override
    public long commit() {
        checkOpen();
        ChangeFeed feed = engine.changes();
        ChangeJournal journal = engine.journal();
        long ticket = 0;
        long position = 0;
        try {
            Map<String, Change.Kind> changes = null;
            boolean listening = !touched.isEmpty() && feed.listening();
            if (listening || !touched.isEmpty() && journal.enabled()) {
                changes = finalChanges();
            }
            if (changes != null && journal.enabled()) {
                position = journal.take(); // last before the engine's commit: see ChangeJournal on the order
                ChangeJournal.write(tx, position, records.now(), changes);
            }
            if (listening) {
                ticket = feed.dispatcher().begin();
            }
            long sequence = tx.commit();
            if (ticket != 0) {
                List<Change> committed = new ArrayList<>(changes.size());
                changes.forEach((key, kind) -> committed.add(new Change(engine.store(), key, kind, sequence)));
                feed.dispatcher().committed(ticket, sequence, committed); // after the engine's commit returned
                ticket = 0;
            }
            return sequence;
        } catch (RuntimeException e) {
            throw engine.translate(e);
        } finally {
            if (position != 0) {
                journal.finished(position); // committed or not: a reader may pass this position now
            }
            if (ticket != 0) {
                feed.dispatcher().abandon(ticket); // nothing committed: nothing reported
            }
            finish();
        }
    }

    /** Each touched key with what the commit leaves it: a rollback to a savepoint may have restored either. */
    private Map<String, Change.Kind> finalChanges() {
        Map<String, Change.Kind> changes = new java.util.LinkedHashMap<>();
        touched.forEach((key, put) -> {
            byte[] encoded = Keys.encode(key);
            boolean present = rolledBackToSavepoint ? view.liveValue(encoded, tx.get(encoded)) != null : put;
            changes.put(key, present ? Change.Kind.PUT : Change.Kind.DELETE);
        });
        return changes;
    }

    @Override
    public void rollback() {
        if (!open) {
            return;
        }
        try {
            tx.abort();
        } catch (RuntimeException e) {
            throw engine.translate(e);
        } finally {
            finish();
        }
    }

    @Override
    public void close() {
        rollback();
    }

    private void finish() {
        open = false;
        engine.leave();
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("transaction on store '" + engine.store() + "' is no longer open");
        }
    }

    private <T> T call(Supplier<T> work) {
        checkOpen();
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw engine.translate(e);
        }
    }

    private void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
