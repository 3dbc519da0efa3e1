package dev.strata.core.internal.cache;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A store's read cache: engine values by key, weighed in bytes, coherent with commits and snapshot isolation.
 * <p>
 * <b>What an entry means.</b> A value entry {@code (v, from)} says: v is the key's committed value in every snapshot
 * numbered {@code from} or later, until a commit writes the key. A tombstone {@code (x)} says: a commit numbered x
 * (or later) wrote the key; the cached value is unknown and only a read from a snapshot at or after x may fill it.
 * <p>
 * <b>The rules</b> (each guards one race):
 * <ol>
 * <li>Serve: a read from snapshot s gets v only when the entry is a value with {@code from <= s}, the key is not
 * being committed (no {@link #beginCommit} mark), and no range delete is being committed. So no transaction sees a
 * value newer than its snapshot (from &gt; s is refused) or older: a commit that wrote the key after {@code from} has
 * either left a tombstone, or is still marked.</li>
 * <li>Commit: before the engine commits, each written key is marked; after it commits with sequence c, first
 * {@link #maxCompleted} rises to c, then each key's entry becomes a tombstone of {@code max(c, old from)}, and only
 * then the mark goes. A reader whose snapshot includes c took it after the engine applied c, hence after the mark was
 * set, so it is not served until the tombstone is in place.</li>
 * <li>Fill: a miss read from snapshot s fills the key only over a tombstone {@code x <= s}, or, where the key has no
 * entry (never cached, or evicted), only when {@code s >= maxCompleted}: a commit that wrote the key after s has
 * completed and raised maxCompleted, or is about to overwrite the fill with its tombstone while its mark blocks
 * serving. Fills run in Caffeine's per-key {@code compute}, atomic with the commit's tombstone.</li>
 * <li>A transaction's own writes and every read of a serializable transaction (whose read set the engine must see)
 * bypass the cache ({@link CachedTransaction}); rolled-back writes never reach it.</li>
 * </ol>
 */
public final class ReadCache {

    private record Cached(byte[] value, long from, boolean tombstone) {
    }

    /** Bytes an entry costs besides its key and value (object headers, the map's node). */
    private static final int ENTRY_OVERHEAD = 96;

    private final Cache<ByteBuffer, Cached> cache;
    /**
     * How many commits are writing each key now. Counted only inside the map's own atomic {@code merge} and
     * {@code computeIfPresent}: an increment made outside it, on a counter fetched by {@code computeIfAbsent}, can land
     * on a counter another commit's unmark has just removed, and the key then looks unmarked while it is committed.
     */
    private final ConcurrentHashMap<ByteBuffer, Integer> committing = new ConcurrentHashMap<>();
    private final AtomicInteger rangeCommits = new AtomicInteger();
    private final AtomicLong maxCompleted = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long maxBytes;

    public ReadCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((ByteBuffer key, Cached entry) -> ENTRY_OVERHEAD + key.capacity()
                        + (entry.value() == null ? 0 : entry.value().length))
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /**
     * @return {@code true} with the value in {@code out[0]} (possibly null: absent) on a hit, {@code false} on a miss
     */
    boolean lookup(ByteBuffer key, long snapshot, byte[][] out) {
        Cached entry = rangeCommits.get() > 0 || committing.containsKey(key) ? null : cache.getIfPresent(key);
        if (entry == null || entry.tombstone() || entry.from() > snapshot) {
            misses.increment();
            return false;
        }
        hits.increment();
        out[0] = entry.value() == null ? null : entry.value().clone();
        return true;
    }

    /** Offers what a read from {@code snapshot} found in the engine (null: absent); kept only when rule 3 allows. */
    void fill(ByteBuffer key, byte[] value, long snapshot) {
        if (committing.containsKey(key) || rangeCommits.get() > 0) {
            return;
        }
        byte[] copy = value == null ? null : value.clone();
        cache.asMap().compute(key, (k, old) -> {
            if (old == null) {
                return snapshot >= maxCompleted.get() ? new Cached(copy, snapshot, false) : null;
            }
            if (old.tombstone()) {
                return snapshot >= old.from() ? new Cached(copy, snapshot, false) : old;
            }
            return old;
        });
    }

    /** Marks the keys a commit writes (rule 2); call {@link #endCommit} in a finally block. */
    void beginCommit(Collection<ByteBuffer> keys, boolean ranges) {
        if (ranges) {
            rangeCommits.incrementAndGet();
        }
        for (ByteBuffer key : keys) {
            committing.merge(key, 1, Integer::sum);
        }
    }

    /**
     * After the engine commit: {@code sequence} is the commit's sequence, or, when the outcome is unknown, a snapshot
     * sequence taken afterwards (everything the failed commit may have applied is visible from it).
     */
    void endCommit(Collection<ByteBuffer> keys, boolean ranges, long sequence) {
        try {
            maxCompleted.accumulateAndGet(sequence, Math::max);
            if (ranges) {
                cache.invalidateAll(); // the range's keys are unknown: every fill must come from a newer snapshot
            }
            for (ByteBuffer key : keys) {
                cache.asMap().compute(key, (k, old) -> new Cached(null,
                        old == null ? sequence : Math.max(sequence, old.from()), true));
            }
        } finally {
            unmark(keys, ranges);
        }
    }

    /** A commit that applied nothing (a conflict): only the marks go. */
    void abandonCommit(Collection<ByteBuffer> keys, boolean ranges) {
        unmark(keys, ranges);
    }

    /** Stops every fill and drops every entry: for a commit whose outcome is unknown and the engine cannot tell. */
    void disable() {
        maxCompleted.set(Long.MAX_VALUE);
        cache.invalidateAll();
    }

    private void unmark(Collection<ByteBuffer> keys, boolean ranges) {
        for (ByteBuffer key : keys) {
            committing.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        }
        if (ranges) {
            rangeCommits.decrementAndGet();
        }
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    long evictions() {
        return cache.stats().evictionCount();
    }

    long weightedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Runs Caffeine's pending maintenance (evictions) now: for figures and tests. */
    void cleanUp() {
        cache.cleanUp();
    }
}
