package dev.strata.core.internal.cache;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.ForwardingEngine;

/**
 * An engine with core's read cache in front ({@link ReadCache}), for a store configured with
 * {@code read.cache.size}. Its figures replace the engine's cache hits and misses with the read cache's (the
 * engine's own move to the extras {@code engine.cacheHits} and {@code engine.cacheMisses}), and add
 * {@code cache.evictions}, {@code cache.bytes} and {@code cache.maxBytes}. Everything else passes straight through.
 */
public final class CachedEngine extends ForwardingEngine {

    private final ReadCache cache;

    public CachedEngine(StorageEngine engine, long maxBytes) {
        super(engine);
        this.cache = new ReadCache(maxBytes);
    }

    ReadCache cache() {
        return cache;
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return new CachedTransaction(engine.begin(mode), cache, engine);
    }

    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        return new CachedTransaction(engine.begin(mode, isolation), cache, engine);
    }

    /**
     * The cache judges each read by the snapshot's number, so a deferred begin's snapshot is taken at the first get
     * here (the engine cannot send it with the read then); it is still the first operation's.
     */
    @Override
    public EngineTransaction beginDeferred(TransactionMode mode, IsolationLevel isolation) {
        return new CachedTransaction(engine.beginDeferred(mode, isolation), cache, engine);
    }

    /**
     * The newest committed value: a cached value that no commit is writing is exactly that (ReadCache's rule 1 with
     * no upper bound on the snapshot), so a hit asks the engine nothing. A miss reads in a read-only transaction of
     * the engine, whose snapshot number the fill needs (rule 3).
     */
    @Override
    public byte[] get(byte[] key) {
        ByteKeys.checkKey(key);
        byte[][] hit = new byte[1][];
        if (cache.lookup(ByteBuffer.wrap(key), Long.MAX_VALUE, hit)) {
            return hit[0];
        }
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            byte[] value = tx.get(key);
            cache.fill(ByteBuffer.wrap(key.clone()), value, tx.snapshotSequence());
            return value;
        }
    }

    @Override
    public EngineMetrics metrics() {
        EngineMetrics own = engine.metrics();
        cache.cleanUp();
        Map<String, Number> extra = new HashMap<>(own.extra());
        extra.put("engine.cacheHits", own.cacheHits());
        extra.put("engine.cacheMisses", own.cacheMisses());
        extra.put("cache.evictions", cache.evictions());
        extra.put("cache.bytes", cache.weightedBytes());
        extra.put("cache.maxBytes", cache.maxBytes());
        return new EngineMetrics(own.keys(), own.memoryBytes(), own.diskBytes(), own.walBytes(), cache.hits(),
                cache.misses(), own.compactionState(), extra);
    }
}
