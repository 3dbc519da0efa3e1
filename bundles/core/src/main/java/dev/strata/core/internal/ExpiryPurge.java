package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.RecordCodec.Header;

/**
 * Removes expired keys of one store through its expiry index ({@link CoreKeys}), in small read-write transactions of
 * at most {@value #BATCH} index entries, so a writer never waits behind it: a writer that touches one of the same keys
 * meanwhile makes one of the two commits conflict, and when the purge loses, it simply tries again on its next run.
 * An entry whose key was rewritten since (another expiry, or none) or deleted is stale and only dropped; a key is
 * deleted only when its record still carries the entry's expiry time and that time has come. Reads never depend on
 * the purge: they check expiry themselves ({@link ValueRecords}).
 */
final class ExpiryPurge {

    static final int BATCH = 256;
    /** How many expired entries one run counts at most for the {@code ttl.pending} figure. */
    static final int PENDING_COUNT_LIMIT = 100_000;

    private final AtomicLong purged = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private volatile long pending;
    private volatile long lastRunNanos = System.nanoTime();

    /** The purge also runs this long after its last run, whatever the expiry hint says (puts of other cores' time). */
    private static final long FALLBACK_NANOS = 10_000_000_000L;

    /** Whether a run has work now: an expiry noted by a put has come, or a while has passed since the last run. */
    boolean due(ValueRecords records) {
        return records.purgeDue() || System.nanoTime() - lastRunNanos > FALLBACK_NANOS && records.writable();
    }

    /** Keys removed since the store opened. */
    long purged() {
        return purged.get();
    }

    /** Expired keys still in the index after the last run. */
    long pending() {
        return pending;
    }

    long conflicts() {
        return conflicts.get();
    }

    /**
     * Purges batches until no expired entry is left or the time budget is spent.
     *
     * @return how many keys this run removed
     */
    long run(StorageEngine engine, ValueRecords records, long budgetMillis) {
        long hintBefore = records.nextExpiryHint();
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        long removed = 0;
        boolean more = true;
        lastRunNanos = System.nanoTime();
        while (more && System.nanoTime() < deadline) {
            try {
                long[] batch = batch(engine, records);
                removed += batch[0];
                more = batch[1] == BATCH;
            } catch (ConflictException e) {
                conflicts.incrementAndGet(); // a writer got one of these keys first; the next run looks again
                break;
            }
        }
        purged.addAndGet(removed);
        recount(engine, records, hintBefore);
        return removed;
    }

    /** @return keys deleted, index entries handled */
    private long[] batch(StorageEngine engine, ValueRecords records) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            long now = records.now();
            List<byte[][]> entries = new ArrayList<>(BATCH);
            try (EngineCursor cursor = tx.cursor(CoreKeys.expiredBy(now), false)) {
                while (entries.size() < BATCH && cursor.next()) {
                    entries.add(new byte[][] {cursor.key(), cursor.value()});
                }
            }
            long deleted = 0;
            for (byte[][] entry : entries) {
                long expiresAt = CoreKeys.expiryTime(entry[0]);
                byte[] key = CoreKeys.expiryUserKey(entry[0], entry[1]);
                byte[] stored = tx.get(key);
                if (stored != null) {
                    Header header = RecordCodec.header(records.store(), stored);
                    if (header.expiresAt() == expiresAt && now >= expiresAt) {
                        tx.delete(key);
                        for (String tag : header.tags()) {
                            tx.delete(CoreKeys.tagKey(tag, key)); // the key's tag index entries go with it
                        }
                        deleted++;
                    }
                }
                tx.delete(entry[0]);
            }
            if (!entries.isEmpty()) {
                tx.commit();
            }
            return new long[] {deleted, entries.size()};
        }
    }

    /** Counts what is still expired and finds the next expiry, for the figures and the next run's hint. */
    private void recount(StorageEngine engine, ValueRecords records, long hintBefore) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            long now = records.now();
            long count = 0;
            try (EngineCursor cursor = tx.cursor(CoreKeys.expiredBy(now), false)) {
                while (count < PENDING_COUNT_LIMIT && cursor.next()) {
                    count++;
                }
            }
            pending = count;
            long next = Long.MAX_VALUE;
            if (count == 0) {
                try (EngineCursor cursor = tx.cursor(CoreKeys.expiringAfter(now), false)) {
                    if (cursor.next()) {
                        next = CoreKeys.expiryTime(cursor.key());
                    }
                }
            } else {
                next = now; // some are left (the budget ran out, or a conflict): due again at once
            }
            records.purgedUpTo(next, hintBefore);
        }
    }
}
