package dev.strata.backend.memory.internal;

import java.util.function.Consumer;

/**
 * Chooses which keys to evict when a commit needs room: approximately the least recently used ones. Every key
 * carries the timestamp of the last commit that wrote it or snapshot that read it with a point read
 * ({@link KeyEntry#lastAccess}); there is no list to maintain on the read path. When room is needed, three passes
 * over the keys build a histogram of those stamps in {@value #BUCKETS} buckets, find the stamp below which enough
 * bytes lie, and evict those keys. The commit asks for more than it strictly needs (down to a low-water mark), so
 * the O(keys) passes are paid once per batch of evictions rather than once per commit. Runs under the commit lock.
 */
final class LruEvictor {

    static final int BUCKETS = 256;

    /**
     * Evicts keys, oldest stamps first, until at least {@code bytesToFree} bytes of live data are freed or no
     * candidate is left.
     *
     * @param entries     every key of the store
     * @param pinnedBy    the number of the running commit attempt: keys it writes are not candidates
     * @param evict       installs the eviction of one key
     * @return the live bytes freed
     */
    long evict(Iterable<KeyEntry> entries, long bytesToFree, long pinnedBy, Consumer<KeyEntry> evict) {
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (KeyEntry entry : entries) {
            if (isCandidate(entry, pinnedBy)) {
                oldest = Math.min(oldest, entry.lastAccess);
                newest = Math.max(newest, entry.lastAccess);
            }
        }
        if (oldest > newest) {
            return 0;
        }
        double span = (double) (newest - oldest) + 1;
        long[] bytesPerBucket = new long[BUCKETS];
        for (KeyEntry entry : entries) {
            if (isCandidate(entry, pinnedBy)) {
                bytesPerBucket[bucket(entry, oldest, span)] += MemoryAccounting.liveCost(entry.key, entry.head);
            }
        }
        int threshold = 0;
        long below = 0;
        while (threshold < BUCKETS - 1 && below + bytesPerBucket[threshold] < bytesToFree) {
            below += bytesPerBucket[threshold];
            threshold++;
        }
        long neededFromThreshold = bytesToFree - below;
        long freed = 0;
        long freedFromThreshold = 0;
        for (KeyEntry entry : entries) {
            if (!isCandidate(entry, pinnedBy)) {
                continue;
            }
            int bucket = bucket(entry, oldest, span);
            // everything older than the threshold bucket goes; within it, only as much as is still needed
            if (bucket < threshold || bucket == threshold && freedFromThreshold < neededFromThreshold) {
                long cost = MemoryAccounting.liveCost(entry.key, entry.head);
                freed += cost;
                if (bucket == threshold) {
                    freedFromThreshold += cost;
                }
                evict.accept(entry);
            }
        }
        return freed;
    }

    private static boolean isCandidate(KeyEntry entry, long pinnedBy) {
        return entry.pinnedBy != pinnedBy && entry.liveHead() != null;
    }

    private static int bucket(KeyEntry entry, long oldest, double span) {
        return (int) Math.min(BUCKETS - 1, (entry.lastAccess - oldest) / span * BUCKETS);
    }
}
