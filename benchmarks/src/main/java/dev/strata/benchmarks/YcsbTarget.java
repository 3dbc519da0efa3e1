package dev.strata.benchmarks;

import java.util.Map;

/**
 * What the YCSB-style workloads drive: the key-value operations plus a short scan from a key. The file engine goes
 * through the Strata API; LMDB and RocksDB through their own.
 */
interface YcsbTarget extends KeyValueTarget {

    /** Reads up to {@code count} entries in key order starting at {@code from}; returns how many. */
    int scanFrom(String from, int count);

    /**
     * @param cacheBytes the engine's block cache (the file engine's {@code cache.size}, RocksDB's LRU block cache);
     *                   LMDB has none of its own: it reads through the OS page cache
     */
    static YcsbTarget create(String name, long cacheBytes) {
        return switch (name) {
            case "strata-file" -> new StrataStoreTarget("file", "none", Map.of("cache.size", Long.toString(cacheBytes)));
            case "lmdb" -> new LmdbTarget();
            case "rocksdb-tuned" -> new RocksDbTarget(cacheBytes);
            default -> throw new IllegalArgumentException("unknown YCSB target " + name);
        };
    }
}
