package dev.strata.backend.memory.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A group of open transactions whose snapshots are all at or after {@link #floor}: the unit in which
 * {@link SnapshotTracker} counts readers. Counting is striped so that concurrent begins and closes on different
 * cores rarely touch the same cache line; a transaction leaves through the same stripe it entered by, so every
 * stripe stays non-negative and a sum that reads zero really means "nobody inside".
 */
final class ReaderEpoch {

    /** Longs between two stripes: 128 bytes, so neighbouring stripes share no cache line (nor its prefetch pair). */
    private static final int PADDING = 16;

    private final AtomicLongArray counts;
    private final int stripes;
    /** Every snapshot taken inside this epoch is at or after this; changed only under the commit lock. */
    long floor;
    /** Set once the epoch stops admitting transactions; a transaction that sees it leaves and joins a newer one. */
    volatile boolean retired;

    ReaderEpoch(long floor, int stripes) {
        this.floor = floor;
        this.stripes = stripes;
        this.counts = new AtomicLongArray(stripes * PADDING);
    }

    void enter(int stripe) {
        counts.getAndIncrement(stripe * PADDING);
    }

    void leave(int stripe) {
        counts.getAndDecrement(stripe * PADDING);
    }

    /** Whether no transaction is inside (each stripe is read once; see the class comment for why that is enough). */
    boolean idle() {
        for (int i = 0; i < stripes; i++) {
            if (counts.get(i * PADDING) != 0) {
                return false;
            }
        }
        return true;
    }
}
