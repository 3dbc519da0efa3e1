package dev.strata.core.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.PutOptions;
import dev.strata.api.ReadOnlyException;
import dev.strata.core.internal.RecordCodec.Header;

/**
 * How one open store reads and writes its values: through the format-2 envelope ({@link RecordCodec}), and, while
 * the store's older-format values are being upgraded online ({@link StoreFormat}), through a per-transaction
 * {@link RecordView} that tells records from raw values by the upgrade's watermark. The expiry check lives here, on
 * every read path: a record whose expiry time has come (now at or past {@code expiresAt}, by the store's clock)
 * reads as absent, whether or not the purge has removed it yet.
 */
final class ValueRecords {

    private final String store;
    private final Clock clock;
    /** Whether writes are possible: false for a store not yet in format 2 whose engine opened read-only. */
    private final boolean writable;
    /** True while some values may still be raw (the online upgrade has not finished); only ever goes false. */
    private volatile boolean upgrading;
    private final RecordView envelopedView = RecordView.enveloped(this);
    private final FormatUpgrade upgrade = new FormatUpgrade();
    private final long defaultTtlMillis;
    /** The earliest expiry the purge may have to act on (epoch ms); a hint, kept low by every put with a ttl. */
    private final AtomicLong nextExpiry = new AtomicLong(0);

    /** Whether the tag index lists every tagged record ({@link TagIndexBuild}); when not, tag reads scan. */
    private final boolean tagIndexed;

    /**
     * @param upgrading whether some values may be raw (format 1): the marker says an upgrade is under way, or there is
     *                  none and the store has user keys
     * @param writable  whether the engine takes writes (the upgrade runs, writes are accepted)
     */
    ValueRecords(String store, Clock clock, boolean upgrading, boolean writable, long defaultTtlMillis,
            boolean tagIndexed) {
        this.tagIndexed = tagIndexed;
        this.store = store;
        this.clock = clock;
        this.upgrading = upgrading;
        this.writable = writable || !upgrading;
        this.defaultTtlMillis = defaultTtlMillis;
    }

    /**
     * How a transaction just begun reads values: the shared format-2 view once the upgrade is over (every snapshot
     * taken from now on has only records), else a view of its own that consults its snapshot.
     */
    RecordView view(dev.strata.api.spi.EngineTransaction tx) {
        return upgrading ? RecordView.upgrading(this, tx) : envelopedView;
    }

    /**
     * One read of a key's newest committed value outside a transaction: straight from the engine once every value
     * is a record, else in a read-only transaction of its own, so that its format is judged in the same snapshot.
     */
    byte[] directGet(dev.strata.api.spi.StorageEngine engine, byte[] key) {
        if (!upgrading) {
            return liveValue(engine.get(key));
        }
        try (dev.strata.api.spi.EngineTransaction tx = engine.begin(dev.strata.api.TransactionMode.READ_ONLY)) {
            return view(tx).liveValue(key, tx.get(key));
        }
    }

    /** Whether some values may still be of the older format. */
    boolean upgrading() {
        return upgrading;
    }

    /** Called once the upgrade's last batch has committed: transactions begun afterwards see only records. */
    void upgradeFinished() {
        upgrading = false;
    }

    FormatUpgrade upgrade() {
        return upgrade;
    }

    /** Core's markers in the engine, for the key count: the format marker (unless a raw store never got one). */
    int markers() {
        return (writable ? 1 : 0) + (tagIndexed ? 1 : 0);
    }

    String store() {
        return store;
    }

    /** Whether the store takes writes (and purges): false only for an older-format store on a read-only engine. */
    boolean writable() {
        return writable;
    }

    boolean tagIndexed() {
        return tagIndexed;
    }

    long now() {
        return clock.millis();
    }

    /** The user's value of a stored format-2 record, or {@code null} when absent or expired. */
    byte[] liveValue(byte[] stored) {
        if (stored == null) {
            return null;
        }
        long expiresAt = RecordCodec.expiresAt(store, stored);
        if (expiresAt != 0 && clock.millis() >= expiresAt) {
            return null;
        }
        return RecordCodec.value(store, stored);
    }

    /** Whether a stored format-2 record has not expired by the store's clock, without decoding more than its expiry. */
    boolean live(byte[] stored) {
        long expiresAt = RecordCodec.expiresAt(store, stored);
        return expiresAt == 0 || clock.millis() < expiresAt;
    }

    /** The header of a live format-2 record, or {@code null} when absent or expired. */
    Header liveHeader(byte[] stored) {
        if (stored == null) {
            return null;
        }
        Header header = RecordCodec.header(store, stored);
        return header.expires() && clock.millis() >= header.expiresAt() ? null : header;
    }

    /** When a put with these options made at {@code now} expires; 0 for never. */
    long expiryOf(PutOptions options, long now) {
        if (options.noExpiry()) {
            return 0;
        }
        long ttl = options.ttl() != null ? Math.max(1, options.ttl().toMillis()) : defaultTtlMillis;
        return ttl <= 0 ? 0 : saturatedAdd(now, ttl);
    }

    void checkWritable() {
        if (!writable) {
            throw new ReadOnlyException("store '" + store + "' holds values of an older record format and its engine "
                    + "opened read-only, so it could not be upgraded; reopen it writable to upgrade it");
        }
    }

    /** Called for every put with an expiry, so the purge looks again no later than that. */
    void noteExpiry(long expiresAt) {
        nextExpiry.accumulateAndGet(expiresAt, Math::min);
    }

    boolean purgeDue() {
        return writable && clock.millis() >= nextExpiry.get();
    }

    /** After a purge run: the earliest expiry left (from the index), unless a put noted an earlier one meanwhile. */
    void purgedUpTo(long observedNext, long before) {
        nextExpiry.compareAndSet(before, observedNext);
    }

    long nextExpiryHint() {
        return nextExpiry.get();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
