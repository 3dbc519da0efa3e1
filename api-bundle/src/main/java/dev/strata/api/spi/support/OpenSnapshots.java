package dev.strata.api.spi.support;

import java.util.TreeMap;

/**
 * The snapshots open transactions still read, so that an engine knows what it may forget: conflict history
 * ({@link ConflictTracker#forgetUpTo}) and old versions. Thread-safe (synchronised; engines with many readers may
 * register only their read-write transactions, which are the only ones that validate).
 */
public final class OpenSnapshots {

    private final TreeMap<Long, Integer> open = new TreeMap<>();

    /** A transaction starts reading the snapshot. */
    public synchronized void register(long snapshot) {
        open.merge(snapshot, 1, Integer::sum);
    }

    /** A transaction that registered the snapshot has ended (call once per {@link #register}). */
    public synchronized void release(long snapshot) {
        open.computeIfPresent(snapshot, (key, count) -> count == 1 ? null : count - 1);
    }

    /** The oldest snapshot still registered, or {@code whenNone} (usually the newest commit) when none is. */
    public synchronized long oldest(long whenNone) {
        return open.isEmpty() ? whenNone : open.firstKey();
    }

    public synchronized int size() {
        return open.values().stream().mapToInt(Integer::intValue).sum();
    }
}
