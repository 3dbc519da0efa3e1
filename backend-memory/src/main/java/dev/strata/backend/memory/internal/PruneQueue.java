package dev.strata.backend.memory.internal;

/**
 * Keys that hold a version some snapshot may no longer need, in the order they became prunable: each item says
 * "from timestamp {@code t} on, the chain of this key has an obsolete tail (or is a deletion nobody needs)". Commit
 * timestamps only grow, so the queue is sorted and the pruner stops at the first item that is still needed.
 * Two parallel ring buffers rather than a queue of objects: a commit that overwrites a thousand keys adds a
 * thousand items, and this way adds no garbage. Guarded by the commit lock.
 */
final class PruneQueue {

    private static final int INITIAL_CAPACITY = 64;
    private static final int SHRINK_ABOVE = 4096;

    private KeyEntry[] entries = new KeyEntry[INITIAL_CAPACITY];
    private long[] timestamps = new long[INITIAL_CAPACITY];
    private int head;
    private int size;

    void add(KeyEntry entry, long obsoleteFrom) {
        if (size == entries.length) {
            grow();
        }
        int tail = (head + size) & (entries.length - 1);
        entries[tail] = entry;
        timestamps[tail] = obsoleteFrom;
        size++;
    }

    /** Whether the first item became prunable at or before {@code oldestSnapshot}. */
    boolean hasPrunableItem(long oldestSnapshot) {
        return size > 0 && timestamps[head] <= oldestSnapshot;
    }

    KeyEntry removeFirst() {
        KeyEntry entry = entries[head];
        entries[head] = null;
        head = (head + 1) & (entries.length - 1);
        size--;
        if (size == 0 && entries.length > SHRINK_ABOVE) {
            // a long reader made the queue grow; do not keep that memory once it drained
            clear();
        }
        return entry;
    }

    int size() {
        return size;
    }

    private void grow() {
        int capacity = entries.length * 2;
        KeyEntry[] moreEntries = new KeyEntry[capacity];
        long[] moreTimestamps = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (entries.length - 1);
            moreEntries[i] = entries[from];
            moreTimestamps[i] = timestamps[from];
        }
        entries = moreEntries;
        timestamps = moreTimestamps;
        head = 0;
    }

    /** Drops every item and gives the memory back (the store closed). */
    void clear() {
        entries = new KeyEntry[INITIAL_CAPACITY];
        timestamps = new long[INITIAL_CAPACITY];
        head = 0;
        size = 0;
    }
}
