package dev.strata.backend.memory.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's byte and key counts and its counters. Read and written only under the commit lock (metrics take it
 * too, once a second or so): plain fields, so that a commit of a thousand keys does not pay for thousands of
 * memory fences.
 * <p>
 * Sizes are estimates of the heap held: the bytes of keys and stored values plus a fixed overhead per key (map node
 * and index share, entry object, array header) and per version (version object, array header), measured for a
 * 64-bit JVM with compressed references.
 */
final class MemoryAccounting {

    /** Skip-list node and its share of index nodes, {@link KeyEntry}, key array header. */
    static final int KEY_OVERHEAD = 88;
    /** {@link Version} object and value array header. */
    static final int VERSION_OVERHEAD = 56;

    /** Every key and version held, including versions kept only for open snapshots. */
    private long usedBytes;
    /** The committed data as of the newest commit: keys with a value and their newest values. The limit's measure. */
    private long liveBytes;
    private long liveKeys;
    private long versions;
    private long compressedValues;
    private long versionsPruned;
    private long evictions;
    private long conflicts;

    static long keyCost(byte[] key) {
        return KEY_OVERHEAD + key.length;
    }

    static long versionCost(byte[] stored) {
        return VERSION_OVERHEAD + (stored == null ? 0 : stored.length);
    }

    /** What the key costs against the limit while this is its newest version; 0 for a deletion. */
    static long liveCost(byte[] key, Version newest) {
        return newest == null || newest.isDeletion() ? 0 : keyCost(key) + versionCost(newest.stored);
    }

    void keyAdded(byte[] key) {
        usedBytes += keyCost(key);
    }

    void keyRemoved(byte[] key) {
        usedBytes -= keyCost(key);
    }

    void versionAdded(Version version) {
        usedBytes += versionCost(version.stored);
        versions++;
        if (version.isCompressed()) {
            compressedValues++;
        }
    }

    void versionPruned(Version version) {
        usedBytes -= versionCost(version.stored);
        versions--;
        versionsPruned++;
        if (version.isCompressed()) {
            compressedValues--;
        }
    }

    /** The newest version of a key changed from {@code before} to {@code after} (either may be null or a deletion). */
    void newestChanged(byte[] key, Version before, Version after) {
        liveBytes += liveCost(key, after) - liveCost(key, before);
        liveKeys += (after == null || after.isDeletion() ? 0 : 1) - (before == null || before.isDeletion() ? 0 : 1);
    }

    void evicted() {
        evictions++;
    }

    void conflicted() {
        conflicts++;
    }

    long usedBytes() {
        return usedBytes;
    }

    long liveBytes() {
        return liveBytes;
    }

    long liveKeys() {
        return liveKeys;
    }

    /** Resets the data figures once the store closed and dropped its data; the totals stay. */
    void dataDropped() {
        usedBytes = 0;
        liveBytes = 0;
        liveKeys = 0;
        versions = 0;
        compressedValues = 0;
    }

    /** The engine-specific figures for {@code EngineMetrics.extra}. */
    Map<String, Number> extra(long limitBytes, int pendingPrunes, int readerEpochs) {
        Map<String, Number> extra = new LinkedHashMap<>();
        extra.put("liveBytes", liveBytes);
        extra.put("limitBytes", limitBytes);
        extra.put("versions", versions);
        extra.put("versionsPruned", versionsPruned);
        extra.put("pendingPrunes", pendingPrunes);
        extra.put("readerEpochs", readerEpochs);
        extra.put("evictions", evictions);
        extra.put("compressedValues", compressedValues);
        extra.put("conflicts", conflicts);
        return extra;
    }
}
