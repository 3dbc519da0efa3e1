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
    private final RecordWriter writer;
    private boolean open = true;
    /** User keys written, with whether the last write was a put: for the change listeners. */
    private final Map<String, Boolean> touched = new java.util.LinkedHashMap<>();
    private boolean rolledBackToSavepoint;

    ManagedTransaction(OpenEngine engine, EngineTransaction tx) {
        this.engine = engine;
        this.tx = tx;
        this.records = engine.records();
        this.writer = new RecordWriter(records, tx, savepoints);
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
        return Optional.ofNullable(call(() -> records.liveValue(tx.get(encoded))));
    }

    @Override
    public Optional<KeyMetadata> metadata(String key) {
        byte[] encoded = Keys.encode(key);
        return Optional.ofNullable(call(() -> records.metadata(tx.get(encoded))));
    }

    @Override
    public List<String> keysTagged(String tag, int limit) {
        TagIndex.check(tag, limit);
        return call(() -> TagIndex.keys(tx, records, tag, limit));
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
                byte[] value = records.liveValue(values.get(i++));
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
        return new ScanCursor(records, call(() -> tx.cursor(plan.range(), scan.descending())), plan, () -> { });
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
        run(() -> writer.put(encoded, value, options));
        touched.put(key, Boolean.TRUE);
    }

    @Override
    public void putAll(Map<String, byte[]> entries) {
        Keys.checkEntries(entries);
        run(() -> entries.forEach((key, value) -> {
            writer.put(Keys.encode(key), value, PutOptions.DEFAULT);
            touched.put(key, Boolean.TRUE);
        }));
    }

    @Override
    public boolean delete(String key) {
        byte[] encoded = Keys.encode(key);
        return call(() -> {
            boolean present = writer.delete(encoded);
            touched.put(key, Boolean.FALSE);
            return present;
        });
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
            boolean present = rolledBackToSavepoint ? records.liveValue(tx.get(Keys.encode(key))) != null : put;
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
