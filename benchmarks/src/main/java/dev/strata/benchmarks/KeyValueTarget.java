package dev.strata.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.core.internal.ManagedStore;
import dev.strata.core.internal.StoreDefinition;

/** What a benchmark drives: a Strata store through its public API, or a plain map as the baseline. */
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
            case "strata-memory" -> new StrataTarget(new MemoryBackend(), "memory");
            case "skiplist" -> new MapTarget(new ConcurrentSkipListMap<>());
            case "hashmap" -> new MapTarget(new ConcurrentHashMap<>());
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    /** A Strata store over a backend, used only through {@link dev.strata.api.Store}. */
    final class StrataTarget implements KeyValueTarget {
        private final ManagedStore store;
        private final Path directory;

        StrataTarget(StorageBackend backend, String type) {
            try {
                directory = Files.createTempDirectory("strata-bench-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, Object> config = new HashMap<>();
            config.put("name", "bench");
            config.put("backend", type);
            config.put("durability", "none");
            store = new ManagedStore(StoreDefinition.from(config), directory.resolve("bench"));
            store.attach(backend, new dev.strata.api.BackendInfo(type, "bench", "0", backend.capabilities()));
        }

        @Override
        public void putBatch(String[] keys, int from, int to, byte[] value) {
            store.inTransaction(tx -> {
                for (int i = from; i < to; i++) {
                    tx.put(keys[i], value);
                }
            });
        }

        @Override
        public byte[] get(String key) {
            return store.get(key).orElse(null);
        }

        @Override
        public long scanAll() {
            long count = 0;
            try (EntryCursor cursor = store.scan(Scan.all())) {
                while (cursor.hasNext()) {
                    Entry entry = cursor.next();
                    count += entry.value().length > 0 ? 1 : 0;
                }
            }
            return count;
        }

        @Override
        public void close() {
            store.detach("benchmark over", 1_000);
        }
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
