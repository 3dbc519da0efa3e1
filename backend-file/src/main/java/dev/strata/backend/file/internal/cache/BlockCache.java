package dev.strata.backend.file.internal.cache;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Decoded blocks by file and offset, bounded by their bytes (Caffeine's W-TinyLFU keeps the hot blocks). Counts
 * hits and misses for the store's metrics. A size of 0 turns caching off: every lookup is a miss.
 *
 * @param <B> the decoded block type
 */
public final class BlockCache<B> {

    private final Cache<BlockKey, B> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BlockCache(long maxBytes, ToIntFunction<B> weigher) {
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((BlockKey key, B block) -> weigher.applyAsInt(block))
                .executor(Runnable::run) // no common-pool tasks: nothing may outlive the engine's bundle
                .build();
    }

    /** The cached block, or the loaded one (then cached). Loads outside any lock: two misses may both load. */
    public B get(long fileId, long offset, Supplier<B> loader) {
        if (cache == null) {
            misses.increment();
            return loader.get();
        }
        BlockKey key = new BlockKey(fileId, offset);
        B block = cache.getIfPresent(key);
        if (block != null) {
            hits.increment();
            return block;
        }
        misses.increment();
        block = loader.get();
        cache.put(key, block);
        return block;
    }

    /** Drops every block of a file (once it is deleted). */
    public void invalidateFile(long fileId) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(key -> key.fileId() == fileId);
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Bytes held now (by the weigher's measure). */
    public long weightedSize() {
        return cache == null ? 0 : cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    private record BlockKey(long fileId, long offset) {
    }
}
