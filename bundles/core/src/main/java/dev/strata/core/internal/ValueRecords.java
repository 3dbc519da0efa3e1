package dev.strata.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.KeyMetadata;
import dev.strata.api.PutOptions;
import dev.strata.api.ReadOnlyException;
import dev.strata.core.internal.RecordCodec.Header;

/**
 * How one open store reads and writes its values: through the format-2 envelope ({@link RecordCodec}), or, for a
 * store of the older format that could not be upgraded (its engine opened read-only), as raw values without
 * metadata. The expiry check lives here, on every read path: a record whose expiry time has come (now at or past
 * {@code expiresAt}, by the store's clock) reads as absent, whether or not the purge has removed it yet.
 */
final class ValueRecords {

    private final String store;
    private final Clock clock;
    private final boolean enveloped;
    private final long defaultTtlMillis;
    /** The earliest expiry the purge may have to act on (epoch ms); a hint, kept low by every put with a ttl. */
    private final AtomicLong nextExpiry = new AtomicLong(0);

    /** Whether the tag index lists every tagged record ({@link TagIndexBuild}); when not, tag reads scan. */
    private final boolean tagIndexed;

    ValueRecords(String store, Clock clock, boolean enveloped, long defaultTtlMillis, boolean tagIndexed) {
        this.tagIndexed = tagIndexed;
        this.store = store;
        this.clock = clock;
        this.enveloped = enveloped;
        this.defaultTtlMillis = defaultTtlMillis;
    }

    String store() {
        return store;
    }

    boolean enveloped() {
        return enveloped;
    }

    boolean tagIndexed() {
        return tagIndexed;
    }

    long now() {
        return clock.millis();
    }

    /** The user's value of a stored record, or {@code null} when absent or expired. */
    byte[] liveValue(byte[] stored) {
        if (stored == null || !enveloped) {
            return stored;
        }
        long expiresAt = RecordCodec.expiresAt(store, stored);
        if (expiresAt != 0 && clock.millis() >= expiresAt) {
            return null;
        }
        return RecordCodec.value(store, stored);
    }

    /** The header of a live record, or {@code null} when absent, expired, or a raw value of the older format. */
    Header liveHeader(byte[] stored) {
        if (stored == null || !enveloped) {
            return null;
        }
        Header header = RecordCodec.header(store, stored);
        return header.expires() && clock.millis() >= header.expiresAt() ? null : header;
    }

    /** The metadata of a stored record, or {@code null} when absent or expired. */
    KeyMetadata metadata(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (!enveloped) {
            // an older-format store opened read-only: the value has no recorded times
            return new KeyMetadata(Instant.EPOCH, Instant.EPOCH, null, Set.of(), 0, stored.length);
        }
        Header header = liveHeader(stored);
        if (header == null) {
            return null;
        }
        return new KeyMetadata(Instant.ofEpochMilli(header.createdAt()), Instant.ofEpochMilli(header.updatedAt()),
                header.expires() ? Instant.ofEpochMilli(header.expiresAt()) : null, header.tags(), header.version(),
                stored.length - header.valueOffset());
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
        if (!enveloped) {
            throw new ReadOnlyException("store '" + store + "' holds values of an older record format and its engine "
                    + "opened read-only, so it could not be upgraded; reopen it writable to upgrade it");
        }
    }

    /** Called for every put with an expiry, so the purge looks again no later than that. */
    void noteExpiry(long expiresAt) {
        nextExpiry.accumulateAndGet(expiresAt, Math::min);
    }

    boolean purgeDue() {
        return enveloped && clock.millis() >= nextExpiry.get();
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
