package dev.strata.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a benchmark drives: a Strata store through its public API, a raw engine through its own API, or a plain map
 * as the ceiling. Persistent targets never sync: the comparison is about the engines, not the disk.
 */
interface KeyValueTarget extends AutoCloseable {

    /** Writes keys[from, to) with the value, atomically where the target has transactions. */
    void putBatch(String[] keys, int from, int to, byte[] value);

    byte[] get(String key);

    /** Visits every entry in key order (hash maps: in their own order); returns how many. */
    long scanAll();

    @Override
    void close();

    static KeyValueTarget create(String name) {
        return switch (name) {
            case "strata-memory" -> new StrataStoreTarget("memory", "none");
            case "strata-file" -> new StrataStoreTarget("file", "none");
            case "strata-xodus" -> new StrataStoreTarget("xodus", "none");
            case "raw-xodus" -> new RawXodusTarget();
            case "lmdb" -> new LmdbTarget();
            case "rocksdb" -> new RocksDbTarget();
            case "skiplist" -> new MapTarget(new ConcurrentSkipListMap<>());
            case "hashmap" -> new MapTarget(new ConcurrentHashMap<>());
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    /** A plain concurrent map: the ceiling an engine is measured against. */
    final class MapTarget implements KeyValueTarget {
        private final Map<String, byte[]> map;

        MapTarget(Map<String, byte[]> map) {
            this.map = map;
        }

        @Override
        public void putBatch(String[] keys, int from, int to, byte[] value) {
            for (int i = from; i < to; i++) {
                map.put(keys[i], value.clone());
            }
        }

        @Override
        public byte[] get(String key) {
            return map.get(key);
        }

        @Override
        public long scanAll() {
            long count = 0;
            for (Map.Entry<String, byte[]> entry : map.entrySet()) {
                count += entry.getValue().length > 0 ? 1 : 0;
            }
            return count;
        }

        @Override
        public void close() {
            map.clear();
        }
    }
}
