package dev.strata.core.internal;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;

/**
 * Streams a scan's entries from an engine cursor: one entry of look-ahead, the pattern filter and the limit applied
 * as it goes, and expired records skipped ({@link ValueRecords#liveValue}). Closes itself when exhausted; {@code onClose} releases what the scan holds (its transaction and its
 * place in the engine gate, for a scan outside a transaction).
 */
final class ScanCursor implements EntryCursor {

    private final RecordView view;
    private final EngineCursor cursor;
    private final ScanPlan plan;
    private final Runnable onClose;
    private long remaining;
    private Entry next;
    /**
     * The stored records (envelope included) of the look-ahead entry and of the one last returned; the latter is
     * dropped once the engine cursor moves on (an engine may reuse the array: it is valid until its next call).
     */
    private byte[] nextRecord;
    private byte[] returnedRecord;
    /** The stored keys of the same two entries, under the same rule (what {@link #keyBytes} hands out). */
    private byte[] nextKey;
    private byte[] returnedKey;
    private Entry returned;
    /** Whether those stored values are format-2 records (always, but while the store's format is upgraded). */
    private boolean nextIsRecord;
    private boolean returnedIsRecord;
    private boolean returnedAny;
    private boolean closed;

    ScanCursor(RecordView view, EngineCursor cursor, ScanPlan plan, Runnable onClose) {
        this.view = view;
        this.cursor = cursor;
        this.plan = plan;
        this.onClose = onClose;
        this.remaining = plan.scan().maxEntries() == 0 ? Long.MAX_VALUE : plan.scan().maxEntries();
    }

    /** A cursor over nothing, for a scan whose bounds exclude every key. */
    /**
     * A scan of the engine entered (its close waits for the scan) in a read-only transaction of its own; closing the
     * cursor ends the transaction and leaves the engine, as does a failure to start it.
     */
    static ScanCursor over(OpenEngine engine, ScanPlan plan, boolean descending) {
        EngineTransaction tx;
        try {
            tx = engine.engine().begin(TransactionMode.READ_ONLY);
        } catch (RuntimeException e) {
            engine.leave();
            throw engine.translate(e);
        }
        try {
            return new ScanCursor(engine.records().view(tx), tx.cursor(plan.range(), descending), plan, () -> {
                try {
                    tx.close();
                } finally {
                    engine.leave();
                }
            });
        } catch (RuntimeException e) {
            try {
                tx.close();
            } finally {
                engine.leave();
            }
            throw engine.translate(e);
        }
    }

    static ScanCursor empty(ScanPlan plan) {
        ScanCursor empty = new ScanCursor(null, null, plan, () -> { });
        empty.closed = true;
        return empty;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        returnedRecord = null;
        returnedKey = null;
        try {
            while (remaining > 0 && cursor.next()) {
                byte[] rawKey = cursor.key();
                String key = Keys.decode(rawKey);
                if (plan.accepts(key)) {
                    // while the format is upgraded, the key's format is judged before its value is read (the view
                    // may read the transaction; the cursor's arrays are only valid until its next call)
                    if (view.upgrading()) {
                        rawKey = rawKey.clone(); // kept for keyBytes: the view's reads may reuse the cursor's array
                    }
                    boolean record = !view.upgrading() || view.isRecord(rawKey);
                    byte[] stored = cursor.value();
                    // null once expired: skipped like a miss
                    byte[] value = record ? view.records().liveValue(stored) : stored;
                    if (value != null) {
                        next = new Entry(key, value);
                        nextRecord = stored;
                        nextKey = rawKey;
                        nextIsRecord = record;
                        remaining--;
                        return true;
                    }
                }
            }
        } catch (RuntimeException e) {
            close();
            throw Failures.translate(view.records().store(), e);
        }
        close();
        return false;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("scan exhausted");
        }
        Entry entry = next;
        next = null;
        returnedRecord = nextRecord;
        returnedKey = nextKey;
        returned = entry;
        returnedIsRecord = nextIsRecord;
        returnedAny = true;
        nextRecord = null;
        nextKey = null;
        return entry;
    }

    /**
     * The look-ahead's walk without its {@link Entry}: the key is decoded only when the scan filters keys (a prefix or
     * a pattern), the value is handed over where it lies in the stored record, and the record and key are kept for
     * the metadata accessors as {@link #next()} keeps them. While the store's format is upgraded, or with an entry
     * already looked ahead, it goes through {@code next()}.
     */
    @Override
    public boolean nextRaw(RawEntry visitor) {
        if (next != null || closed || view.upgrading()) {
            return EntryCursor.super.nextRaw(visitor);
        }
        returnedRecord = null;
        returnedKey = null;
        returned = null;
        byte[] found = null;
        byte[] foundKey = null;
        try {
            boolean filters = plan.filtersKeys();
            while (remaining > 0 && cursor.next()) {
                byte[] rawKey = cursor.key();
                if (filters && !plan.accepts(Keys.decode(rawKey))) {
                    continue;
                }
                byte[] stored = cursor.value();
                if (stored != null && view.records().live(stored)) { // an expired record is skipped like a miss
                    found = stored;
                    foundKey = rawKey;
                    remaining--;
                    break;
                }
            }
        } catch (RuntimeException e) {
            close();
            throw Failures.translate(view.records().store(), e);
        }
        if (found == null) {
            close();
            return false;
        }
        returnedRecord = found;
        returnedKey = foundKey;
        returnedIsRecord = true;
        returnedAny = true;
        int offset = RecordCodec.valueOffset(store(), found);
        visitor.accept(foundKey, found, offset, found.length - offset); // outside the try: the visitor's own failures
        return true;
    }

    /**
     * Decoded from the record the scan read for the entry last returned; empty once it has expired, or once
     * {@link #hasNext()} has moved the engine cursor past it (ask the transaction then).
     */
    @Override
    public Optional<KeyMetadata> metadata() {
        if (!returnedAny) {
            throw new IllegalStateException("metadata() before the first next()");
        }
        return returnedRecord == null ? Optional.empty()
                : Optional.ofNullable(view.metadata(returnedIsRecord, returnedRecord));
    }

    /**
     * The key's bytes as the engine cursor returned them (valid until it moves on, as the record is): the very bytes
     * {@link Keys#encode} stored, which is the key's UTF-8 for every key the API accepts.
     */
    @Override
    public byte[] keyBytes(Entry entry) {
        return entry == returned && returnedKey != null ? returnedKey : EntryCursor.super.keyBytes(entry);
    }

    @Override
    public boolean hasLiveMetadata() {
        if (!returnedAny) {
            throw new IllegalStateException("hasLiveMetadata() before the first next()");
        }
        return returnedRecord != null && (!returnedIsRecord || view.records().live(returnedRecord));
    }

    @Override
    public long expiresAtMillis() {
        return returnedIsRecord ? RecordCodec.expiresAt(store(), carriedRecord()) : unknown(0L);
    }

    @Override
    public long createdAtMillis() {
        return returnedIsRecord ? RecordCodec.createdAt(store(), carriedRecord()) : unknown(0L);
    }

    @Override
    public long updatedAtMillis() {
        return returnedIsRecord ? RecordCodec.updatedAt(store(), carriedRecord()) : unknown(0L);
    }

    @Override
    public long version() {
        return returnedIsRecord ? RecordCodec.version(store(), carriedRecord()) : unknown(0L);
    }

    @Override
    public Set<String> tags() {
        return returnedIsRecord ? RecordCodec.tags(store(), carriedRecord()) : unknown(Set.of());
    }

    /** A raw value of the older format reads as {@link RecordView#metadata} says: zeros, no tags. */
    private <T> T unknown(T value) {
        carriedRecord();
        return value;
    }

    private byte[] carriedRecord() {
        if (returnedRecord == null) {
            throw new IllegalStateException(returnedAny ? "the record of the entry last returned is no longer carried"
                    + " (the cursor has moved on)" : "metadata read before the first next()");
        }
        return returnedRecord;
    }

    private String store() {
        return view.records().store();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cursor.close();
        } finally {
            onClose.run();
        }
    }
}
