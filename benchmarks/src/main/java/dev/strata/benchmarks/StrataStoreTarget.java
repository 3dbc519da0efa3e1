package dev.strata.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.BackendInfo;
import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.postgres.internal.PostgresBackend;
import dev.strata.backend.xodus.internal.XodusBackend;
import dev.strata.core.internal.ManagedStore;
import dev.strata.core.internal.StoreDefinition;
import dev.strata.crypto.internal.codec.Lz4Compressor;

/**
 * A Strata store over one of our backends, used only through {@link dev.strata.api.Store}: the same path an
 * application takes, minus the OSGi service lookup. Each backend is constructed through its public class with the
 * settings a fresh runtime would give it (the file engine gets the crypto bundle's LZ4 codec, its default
 * compression).
 */
final class StrataStoreTarget implements YcsbTarget, CommitTarget {

    private final ManagedStore store;
    private final ScratchDirectory directory;

    /** One codec for every store, as the runtime has one codec service (and it logs its choice once). */
    private static final class SharedCodec {
        static final Lz4Compressor LZ4 = new Lz4Compressor();
    }

    /**
     * @param backendType {@code memory}, {@code file} or {@code xodus}
     * @param durability  {@code none}, {@code os} or {@code fsync}
     */
    StrataStoreTarget(String backendType, String durability) {
        this(backendType, durability, Map.of());
    }

    /**
     * @param settings further store settings (a backend's own, or core's), beside name, backend and durability
     */
    StrataStoreTarget(String backendType, String durability, Map<String, Object> settings) {
        StorageBackend backend = switch (backendType) {
            case "memory" -> new MemoryBackend();
            case "file" -> new FileBackend(List.of(SharedCodec.LZ4), null, null);
            case "xodus" -> new XodusBackend();
            case "xodus-growing" -> XodusBackend.withGrowingLogFiles(); // the log before preallocation, for A/B
            case "postgres" -> new PostgresBackend();
            default -> throw new IllegalArgumentException("no Strata backend " + backendType);
        };
        directory = new ScratchDirectory("strata-bench-" + backendType + "-");
        backendType = backendType.equals("xodus-growing") ? "xodus" : backendType;
        Map<String, Object> config = new HashMap<>(settings);
        config.putIfAbsent("name", "bench");
        config.put("backend", backendType);
        config.put("durability", durability);
        StoreDefinition definition = StoreDefinition.from(config);
        store = new ManagedStore(definition, directory.path().resolve(definition.name()));
        try {
            store.attach(backend, new BackendInfo(backendType, "bench", "0", backend.capabilities()));
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** The store, for benchmarks that use more of the API than {@link KeyValueTarget} covers. */
    ManagedStore store() {
        return store;
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
    public void commit(String key, byte[] value) {
        store.put(key, value);
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
    public int scanFrom(String from, int count) {
        int read = 0;
        try (EntryCursor cursor = store.scan(Scan.range(from, null).limit(count))) {
            while (cursor.hasNext()) {
                read += cursor.next().value().length > 0 ? 1 : 0;
            }
        }
        return read;
    }

    @Override
    public void close() {
        try {
            store.detach("benchmark over", 1_000);
        } finally {
            directory.close();
        }
    }
}
