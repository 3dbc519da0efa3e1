package dev.strata.core.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import dev.strata.api.KeyMetadata;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.core.internal.RecordCodec.Header;
import dev.strata.core.internal.metrics.CoreAccess;

/**
 * How one engine transaction reads the stored values of a store: which of them are format-2 records and which are raw
 * values of the older format, decided per key from the transaction's own snapshot, never from a value's bytes.
 * <p>
 * Once a store is fully in format 2 every transaction gets the store's shared view ({@link #enveloped()}), which asks
 * nothing more of the engine. While its format is upgraded online ({@link StoreFormat}) each transaction gets a view
 * of its own that reads, in the transaction, the format marker once ({@code [1, w...]}: keys below the watermark
 * {@code w} are records) and, for a key at or above {@code w}, whether a writer left its {@code FF 'u'} entry
 * ({@link CoreKeys#upgradedKey}) saying that key was written as a record since. The marker, the key and its entry
 * come from one snapshot (read-committed transactions are run at snapshot isolation meanwhile:
 * {@link OpenEngine#begin}), so an upgrade batch committing in between can never make a transaction read a record
 * as raw or a raw value as a record.
 */
final class RecordView {

    private final ValueRecords records;
    /** Null when every record is format 2. */
    private final EngineTransaction tx;
    private byte[] watermark;
    /** Set once the marker read in this transaction said {@code [2]}. */
    private boolean allRecords;

    private RecordView(ValueRecords records, EngineTransaction tx) {
        this.records = records;
        this.tx = tx;
    }

    /** The view of a store whose values are all format-2 records. */
    static RecordView enveloped(ValueRecords records) {
        return new RecordView(records, null);
    }

    /** The view of one transaction while the store's format is being upgraded. */
    static RecordView upgrading(ValueRecords records, EngineTransaction tx) {
        return new RecordView(records, tx);
    }

    ValueRecords records() {
        return records;
    }

    /** Whether this view can meet raw values at all (a transaction that began while the format was upgraded). */
    boolean upgrading() {
        return tx != null;
    }

    /** Whether the stored value of {@code key} (as this transaction sees it) is a format-2 record. */
    boolean isRecord(byte[] key) {
        if (tx == null || allRecords) {
            return true;
        }
        if (watermark == null) {
            watermark = StoreFormat.watermark(records.store(), read(CoreKeys.FORMAT_MARKER));
            if (watermark == null) {
                allRecords = true; // the upgrade finished before this transaction's snapshot
                return true;
            }
        }
        return Arrays.compareUnsigned(key, watermark) < 0 || read(CoreKeys.upgradedKey(key)) != null;
    }

    /** The user's value of a stored value, or {@code null} when absent or expired. */
    byte[] liveValue(byte[] key, byte[] stored) {
        if (stored == null) {
            return null;
        }
        return isRecord(key) ? records.liveValue(stored) : stored;
    }

    /**
     * The header of a live stored value, or {@code null} when absent or expired; a raw value of the older format reads
     * as a live key with no expiry, no tags and version 0, created and updated at {@code 0} (unknown).
     */
    Header liveHeader(byte[] key, byte[] stored) {
        return stored == null ? null : header(isRecord(key), stored);
    }

    private Header header(boolean record, byte[] stored) {
        return record ? records.liveHeader(stored) : new Header(0, 0, 0, 0, Set.of(), 0);
    }

    /** The metadata of a stored value, or {@code null} when absent or expired. */
    KeyMetadata metadata(byte[] key, byte[] stored) {
        return stored == null ? null : metadata(isRecord(key), stored);
    }

    /** The metadata of a stored value already judged a record or a raw value. */
    KeyMetadata metadata(boolean record, byte[] stored) {
        Header header = header(record, stored);
        if (header == null) {
            return null;
        }
        return new KeyMetadata(Instant.ofEpochMilli(header.createdAt()), Instant.ofEpochMilli(header.updatedAt()),
                header.expires() ? Instant.ofEpochMilli(header.expiresAt()) : null, header.tags(), header.version(),
                stored.length - header.valueOffset());
    }

    /**
     * Whether a write of {@code key} as a format-2 record must also leave its {@code FF 'u'} entry: when the key is at
     * or above the watermark and has none yet, so that readers (and the upgrade) know it is a record now.
     */
    boolean needsUpgradedEntry(byte[] key) {
        return tx != null && !isRecord(key);
    }

    private byte[] read(byte[] key) {
        // core's bookkeeping, not a get of the user's
        return tx instanceof CoreAccess access ? access.readForWrite(key) : tx.get(key);
    }
}
