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
            // durability os, Strata's default: every commit handed to the OS before it returns, as RocksDB's
            // default write-ahead log does (sync=false). Until 1 December the file engine ran with none here, which
            // keeps records in the process for up to a second: a weaker promise than the baseline's
            case "strata-file" -> new StrataStoreTarget("file", "os", Map.of("cache.size", Long.toString(cacheBytes)));
            case "lmdb" -> new LmdbTarget();
            case "rocksdb-tuned" -> new RocksDbTarget(cacheBytes);
            default -> throw new IllegalArgumentException("unknown YCSB target " + name);
        };
    }
}
