package dev.strata.core.internal;

import java.util.Set;

import dev.strata.api.PutOptions;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.core.internal.RecordCodec.Header;
import dev.strata.core.internal.metrics.CoreAccess;

/**
 * The writes of one key in a transaction: its record (value in the envelope), its expiry index entry and its tag
 * index entries, in the same engine transaction, so they commit or roll back together on every engine. Each write
 * needs the key's current record (own writes included): to keep its creation time and version count, and to
 * remove the index entries of its old expiry and of the tags it no longer has. A single write reads it first; a
 * batch hands the engine new records and gets back the current records of the keys that were there
 * ({@link #putAll}). Every engine key written goes through the savepoint log first, so a rollback to a savepoint restores the
 * index with the record. While the store's older-format values are upgraded online ({@link StoreFormat}), a write of
 * a key the upgrade has not reached also leaves the key's {@code FF 'u'} entry, so readers and the upgrade know it
 * holds a record now; a raw value it replaces counts as a live key created now, without expiry or tags.
 */
final class RecordWriter {

    private final ValueRecords records;
    private final RecordView view;
    private final EngineTransaction tx;
    private final SavepointLog savepoints;

    RecordWriter(RecordView view, EngineTransaction tx, SavepointLog savepoints) {
        this.records = view.records();
        this.view = view;
        this.tx = tx;
        this.savepoints = savepoints;
    }

    void put(byte[] key, byte[] value, PutOptions options) {
        records.checkWritable();
        put(key, value, options, current(key));
    }

    /**
     * Writes distinct keys with the default options. Keys that are new cost no read: each value goes to the engine
     * already in the envelope of a new record ({@code EngineTransaction.putAllIfAbsent}, one statement on an engine
     * over a server), which writes it where the key is absent and hands back the current record of every other key;
     * those are then written as {@link #put} writes them, keeping their creation time and version, their old index
     * entries dropped. While a savepoint is active each key's value before the write is needed first (for its undo
     * log), so then the current records are read in one batched read and every key written after.
     */
    void putAll(java.util.List<byte[]> keys, java.util.List<byte[]> values) {
        records.checkWritable();
        if (savepoints.active()) {
            java.util.List<byte[]> previous = tx instanceof CoreAccess access ? access.readAllForWrite(keys) : tx.getAll(keys);
            for (int i = 0; i < keys.size(); i++) {
                put(keys.get(i), values.get(i), PutOptions.DEFAULT, previous.get(i));
            }
            return;
        }
        long now = records.now();
        long expiresAt = records.expiryOf(PutOptions.DEFAULT, now);
        java.util.List<byte[]> created = new java.util.ArrayList<>(values.size());
        for (byte[] value : values) {
            created.add(RecordCodec.encode(now, now, 1, expiresAt, PutOptions.DEFAULT.tags(), value));
        }
        java.util.List<byte[]> previous = tx.putAllIfAbsent(keys, created);
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            if (previous.get(i) != null) {
                put(key, values.get(i), PutOptions.DEFAULT, previous.get(i));
                continue;
            }
            // written as a new record: what a put of an absent key writes beside it
            if (expiresAt != 0) {
                indexExpiry(key, expiresAt);
            }
            markUpgraded(key, view.isRecord(key));
        }
    }

    private void put(byte[] key, byte[] value, PutOptions options, byte[] previous) {
        long now = records.now();
        boolean record = view.isRecord(key);
        Header old = previous == null ? null : stored(record, previous, now);
        dropIndexEntry(key, old);
        retag(key, old == null ? Set.of() : old.tags(), options.tags());
        boolean live = old != null && !(old.expires() && now >= old.expiresAt());
        long expiresAt = records.expiryOf(options, now);
        if (expiresAt != 0) {
            indexExpiry(key, expiresAt);
        }
        byte[] encoded = RecordCodec.encode(live ? old.createdAt() : now, now, live ? old.version() + 1 : 1, expiresAt,
                options.tags(), value);
        savepoints.beforeWrite(tx, key);
        tx.put(key, encoded);
        markUpgraded(key, record);
    }

    private void indexExpiry(byte[] key, long expiresAt) {
        byte[] indexKey = CoreKeys.expiryKey(expiresAt, key);
        savepoints.beforeWrite(tx, indexKey);
        tx.put(indexKey, CoreKeys.expiryValue(key));
        records.noteExpiry(expiresAt);
    }

    /** A key above the format upgrade's watermark that holds a record now gets its {@code FF 'u'} entry. */
    private void markUpgraded(byte[] key, boolean record) {
        if (!record) {
            byte[] upgraded = CoreKeys.upgradedKey(key);
            savepoints.beforeWrite(tx, upgraded);
            tx.put(upgraded, CoreKeys.upgradedValue(key));
        }
    }

    /** The header of a key's stored value: its record's, or, for a raw value of the older format, a plain live key. */
    private Header stored(boolean record, byte[] previous, long now) {
        return record ? RecordCodec.header(records.store(), previous) : new Header(now, now, 0, 0, Set.of(), 0);
    }

    /** @return whether the key was live (present and not expired) */
    boolean delete(byte[] key) {
        records.checkWritable();
        byte[] previous = current(key);
        Header old = previous == null ? null : stored(view.isRecord(key), previous, records.now());
        dropIndexEntry(key, old);
        retag(key, old == null ? Set.of() : old.tags(), Set.of());
        savepoints.beforeWrite(tx, key);
        tx.delete(key);
        return old != null && !(old.expires() && records.now() >= old.expiresAt());
    }

    /** The key's record before this write: core's bookkeeping, not a get of the user's. */
    private byte[] current(byte[] key) {
        return tx instanceof CoreAccess access ? access.readForWrite(key) : tx.get(key);
    }

    /** Moves the key's tag index entries from the tags of its old record to those of its new one (or none). */
    private void retag(byte[] key, Set<String> before, Set<String> after) {
        for (String tag : before) {
            if (!after.contains(tag)) {
                byte[] indexKey = CoreKeys.tagKey(tag, key);
                savepoints.beforeWrite(tx, indexKey);
                tx.delete(indexKey);
            }
        }
        for (String tag : after) {
            if (!before.contains(tag)) {
                byte[] indexKey = CoreKeys.tagKey(tag, key);
                savepoints.beforeWrite(tx, indexKey);
                tx.put(indexKey, CoreKeys.tagValue(tag, key));
            }
        }
    }

    private void dropIndexEntry(byte[] key, Header old) {
        if (old != null && old.expires()) {
            byte[] indexKey = CoreKeys.expiryKey(old.expiresAt(), key);
            savepoints.beforeWrite(tx, indexKey);
            tx.delete(indexKey);
        }
    }
}
