package dev.strata.jobs.internal.work;

import java.time.Instant;
import java.util.Optional;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyMetadata;
import dev.strata.api.ReadOperations;
import dev.strata.api.PutOptions;
import dev.strata.api.Transaction;
import dev.strata.jobs.internal.archive.KeyRecord;

/**
 * Reading a key with the metadata a copy keeps (expiry and tags) and writing its copy so that it keeps them. Every
 * job that copies keys (backup, restore, migrations, in-place engine migrations) goes through here, so none of them
 * drops a time to live or a tag, and none copies a key that has expired.
 * <p>
 * The Store API takes a time to live relative to the put, so a copy gets what is left of it at the job's clock
 * reading just before the put ({@link KeyRecord#putOptions}); the store adds it to its own clock reading inside the
 * put, so the copy's expiry can be later than the source's by the time between those two readings (microseconds,
 * i.e. 0 or 1 ms), never earlier.
 */
final class Records {

    private Records() {
    }

    /**
     * The entry the cursor just returned, with its metadata: decoded from the record the scan read (core's cursors
     * carry it, {@link EntryCursor#metadata}), else read in the same snapshot.
     *
     * @return empty when the key expired between the scan and the metadata read
     */
    static Optional<KeyRecord> read(ReadOperations snapshot, EntryCursor cursor, Entry entry) {
        return metadata(snapshot, cursor, entry.key()).map(m -> KeyRecord.of(entry, m));
    }

    /** The metadata of the key the cursor just returned, from the cursor or else the snapshot. */
    static Optional<KeyMetadata> metadata(ReadOperations snapshot, EntryCursor cursor, String key) {
        Optional<KeyMetadata> carried = cursor.metadata();
        return carried.isPresent() ? carried : snapshot.metadata(key);
    }

    /** Expiry (epoch ms, 0 for never) of a metadata record. */
    static long expiresAt(KeyMetadata metadata) {
        Instant expiry = metadata.expiresAt(); // not expiry(): no Optional and no boxed Long per key copied
        return expiry == null ? 0 : expiry.toEpochMilli();
    }

    /**
     * Puts the copy with the record's expiry and tags.
     *
     * @return false when the record has expired at {@code nowMillis}: nothing was written
     */
    static boolean put(Transaction tx, KeyRecord record, long nowMillis) {
        PutOptions options = record.putOptions(nowMillis);
        if (options == null) {
            return false;
        }
        tx.put(record.key(), record.value(), options);
        return true;
    }
}
