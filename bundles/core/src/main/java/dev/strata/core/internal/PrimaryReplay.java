package dev.strata.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import dev.strata.api.ConflictException;
import dev.strata.api.TransactionOptions;
import dev.strata.core.internal.fallback.FallbackJournal;
import dev.strata.core.internal.fallback.JournalOp;
import dev.strata.core.internal.fallback.ReplayTarget;

/**
 * Applies journal entries to the primary store's own engine, each in one transaction with the watermark, a record
 * of core's ({@code FF 'r'} + the fallback store's name: the journal's identity and the last sequence applied). The
 * watermark makes a replay idempotent: an entry applied before a crash, but not yet dropped from the journal, is
 * recognised and skipped. Writes go through core's record layer (value envelope, expiry index, change events), as
 * the caller's own writes would have; a time to live keeps its original end, and a put whose time to live has ended
 * is replayed as a delete.
 */
final class PrimaryReplay implements ReplayTarget {

    private static final int MAX_ATTEMPTS = 50; // conflicts only with the store's own expiry purge

    private final ManagedStore store;
    private final byte[] watermarkKey;
    private final Clock clock;

    PrimaryReplay(ManagedStore store, String fallbackStore, Clock clock) {
        this.store = store;
        byte[] name = fallbackStore.getBytes(StandardCharsets.UTF_8);
        this.watermarkKey = ByteBuffer.allocate(2 + name.length).put((byte) 0xFF).put((byte) 'r').put(name).array();
        this.clock = clock;
    }

    @Override
    public boolean apply(FallbackJournal.Entry entry) {
        for (int attempt = 1; ; attempt++) {
            try (ManagedTransaction tx = store.beginDirect(TransactionOptions.DEFAULT)) {
                byte[] mark = tx.coreRecord(watermarkKey);
                if (mark != null && mark.length == 2 * Long.BYTES) {
                    ByteBuffer read = ByteBuffer.wrap(mark);
                    if (read.getLong() == entry.journalId() && read.getLong() >= entry.seq()) {
                        return false;
                    }
                }
                long now = clock.millis();
                for (JournalOp op : entry.ops()) {
                    if (op.delete() || op.expiredBy(now)) {
                        tx.delete(op.key());
                    } else {
                        tx.put(op.key(), op.value(), op.optionsAt(now));
                    }
                }
                tx.coreRecord(watermarkKey, ByteBuffer.allocate(2 * Long.BYTES).putLong(entry.journalId())
                        .putLong(entry.seq()).array());
                tx.commit();
                return true;
            } catch (ConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LockSupport.parkNanos(1_000_000L * Math.min(attempt, 20));
            }
        }
    }

    /** The watermark record's key (tests). */
    byte[] watermarkKey() {
        return Arrays.copyOf(watermarkKey, watermarkKey.length);
    }
}
