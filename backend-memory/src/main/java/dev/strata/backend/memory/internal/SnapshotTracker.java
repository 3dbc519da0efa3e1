package dev.strata.backend.memory.internal;

import java.util.ArrayDeque;

/**
 * Knows, cheaply, the oldest snapshot an open transaction may still read, so that versions older than it can be
 * pruned.
 * <p>
 * Transactions do not register one by one (that would put a shared structure on every read's path). They enter the
 * current {@link ReaderEpoch} (one striped increment), then read the visible timestamp; they leave with one striped
 * decrement. The pruner, which runs under the commit lock right after a commit was published, either raises the
 * floor of the current epoch when it is empty, or retires it and opens a new one; retired epochs are dropped once
 * empty. The oldest snapshot anyone can hold is then the floor of the oldest epoch still in the queue.
 * <p>
 * Why raising the floor of an empty current epoch is safe: all accesses are volatile, so they are totally ordered.
 * A transaction whose increment came before the pruner read its stripe is seen (the epoch is not empty). One whose
 * increment came after reads the visible timestamp after that, so after the pruner's commit was published, and its
 * snapshot is at least the new floor. The same argument, with the {@code retired} flag, covers joining an epoch
 * while it is being retired.
 */
final class SnapshotTracker {

    private final int stripeMask;
    private final ArrayDeque<ReaderEpoch> epochs = new ArrayDeque<>();
    private volatile ReaderEpoch current;

    SnapshotTracker(long initialTimestamp) {
        int stripes = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 2);
        this.stripeMask = stripes - 1;
        this.current = new ReaderEpoch(initialTimestamp, stripes);
        epochs.add(current);
    }

    /** The stripe the calling thread counts in; a transaction keeps it so that it leaves by the same one. */
    int stripeOfCurrentThread() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16) ^ (id >>> 32)) & stripeMask;
    }

    /** Joins the current epoch; the caller must read its snapshot timestamp afterwards. */
    ReaderEpoch enter(int stripe) {
        while (true) {
            ReaderEpoch epoch = current;
            epoch.enter(stripe);
            if (!epoch.retired) {
                return epoch;
            }
            epoch.leave(stripe);
        }
    }

    /**
     * The oldest snapshot any open or future transaction can read, given that {@code visible} is already published.
     * Call only under the commit lock.
     */
    long oldestSnapshot(long visible) {
        ReaderEpoch epoch = current;
        if (epoch.floor < visible) {
            if (epoch.idle()) {
                epoch.floor = visible;
            } else {
                ReaderEpoch next = new ReaderEpoch(visible, stripeMask + 1);
                epochs.addLast(next);
                current = next;
                epoch.retired = true;
            }
        }
        while (epochs.size() > 1 && epochs.peekFirst().idle()) {
            epochs.removeFirst();
        }
        return epochs.peekFirst().floor;
    }

    /** Epochs still held open by some transaction (diagnostics). */
    int epochCount() {
        return epochs.size();
    }
}
