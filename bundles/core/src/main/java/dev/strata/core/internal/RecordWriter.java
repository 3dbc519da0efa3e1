package dev.strata.core.internal;

import java.util.Set;

import dev.strata.api.PutOptions;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.core.internal.RecordCodec.Header;
import dev.strata.core.internal.metrics.CoreAccess;

/**
 * The writes of one key in a transaction: its record (value in the envelope), its expiry index entry and its tag
 * index entries, in the same engine transaction, so they commit or roll back together on every engine. Each write
 * first reads the key's current record (own writes included): to keep its creation time and version count, and to
 * remove the index entries of its old expiry and of the tags it no longer has. Every engine key written goes through the savepoint log first, so a rollback to a savepoint restores the
 * index with the record.
 */
final class RecordWriter {

    private final ValueRecords records;
    private final EngineTransaction tx;
    private final SavepointLog savepoints;

    RecordWriter(ValueRecords records, EngineTransaction tx, SavepointLog savepoints) {
        this.records = records;
        this.tx = tx;
        this.savepoints = savepoints;
    }

    void put(byte[] key, byte[] value, PutOptions options) {
        records.checkWritable();
        long now = records.now();
        byte[] previous = current(key);
        Header old = previous == null ? null : RecordCodec.header(records.store(), previous);
        dropIndexEntry(key, old);
        retag(key, old == null ? Set.of() : old.tags(), options.tags());
        boolean live = old != null && !(old.expires() && now >= old.expiresAt());
        long expiresAt = records.expiryOf(options, now);
        if (expiresAt != 0) {
            byte[] indexKey = CoreKeys.expiryKey(expiresAt, key);
            savepoints.beforeWrite(tx, indexKey);
            tx.put(indexKey, CoreKeys.expiryValue(key));
            records.noteExpiry(expiresAt);
        }
        byte[] record = RecordCodec.encode(live ? old.createdAt() : now, now, live ? old.version() + 1 : 1, expiresAt,
                options.tags(), value);
        savepoints.beforeWrite(tx, key);
        tx.put(key, record);
    }

    /** @return whether the key was live (present and not expired) */
    boolean delete(byte[] key) {
        records.checkWritable();
        byte[] previous = current(key);
        Header old = previous == null ? null : RecordCodec.header(records.store(), previous);
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
