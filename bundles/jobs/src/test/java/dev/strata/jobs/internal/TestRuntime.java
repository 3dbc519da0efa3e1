package dev.strata.jobs.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.BackendInfo;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.MigrationTransform;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.xodus.internal.XodusBackend;
import dev.strata.core.internal.ManagedStore;
import dev.strata.core.internal.StoreDefinition;
import dev.strata.crypto.internal.cipher.AeadAlgorithm;
import dev.strata.crypto.internal.cipher.JcaAeadCipher;
import dev.strata.crypto.internal.cipher.NonceSequence;
import dev.strata.crypto.internal.codec.Lz4Compressor;
import dev.strata.crypto.internal.codec.ZstdCompressor;
import dev.strata.jobs.internal.work.JobEnvironment;
import dev.strata.jobs.internal.work.Jobs;
import dev.strata.jobs.internal.work.ScratchStores;

/**
 * Real stores (core's store layer over the memory, file and Xodus engines) and the real crypto services, outside any
 * framework: what the job service sees in the runtime, minus OSGi.
 */
final class TestRuntime implements StorageService, ScratchStores, AutoCloseable {

    final Path root;
    final CryptoServices crypto = new CryptoServices();
    final TestKeys keys = new TestKeys();
    final Map<String, MigrationTransform> transforms = new ConcurrentHashMap<>();
    private final Map<String, ManagedStore> stores = new ConcurrentHashMap<>();
    private final MemoryBackend memory = new MemoryBackend();
    private final FileBackend file;
    private final XodusBackend xodus = new XodusBackend();
    private final JcaAeadCipher cipher;

    TestRuntime(Path root) {
        this.root = root;
        this.cipher = new JcaAeadCipher(AeadAlgorithm.AES_256_GCM, NonceSequence.open(root.resolve("nonces.state")));
        Lz4Compressor lz4 = new Lz4Compressor();
        ZstdCompressor zstd = new ZstdCompressor(1);
        crypto.add(lz4);
        crypto.add(zstd);
        crypto.add(cipher);
        crypto.setKeys(keys);
        file = new FileBackend(List.of(lz4, zstd), cipher, keys);
    }

    /** Defines and opens a store on an engine: {@code memory}, {@code file} or {@code xodus}. */
    Store define(String name, String engine) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("backend", engine);
        config.put("durability", "memory".equals(engine) ? "none" : "os");
        ManagedStore store = new ManagedStore(StoreDefinition.from(config), root.resolve("data").resolve(name));
        StorageBackend backend = switch (engine) {
            case "memory" -> memory;
            case "file" -> file;
            case "xodus" -> xodus;
            default -> throw new IllegalArgumentException(engine);
        };
        store.attach(backend, new BackendInfo(engine, "test." + engine, "1.0.0", backend.capabilities()));
        stores.put(name, store);
        return store;
    }

    /** Closes a store's engine (as a stop of the runtime does) and forgets it. */
    void close(String name) {
        ManagedStore store = stores.remove(name);
        if (store != null) {
            store.detach("closed by the test", 1000);
        }
    }

    JobEnvironment environment(int chunkBytes) {
        return new JobEnvironment(this, crypto, name -> Optional.ofNullable(transforms.get(name)), this,
                () -> findStore("system"), root.resolve("backups"), root.resolve("archives"), "lz4", chunkBytes);
    }

    /** A job engine as the component builds it, over the store "system" (defined on the file engine if absent). */
    JobEngine engine(int maxConcurrent, int retention, int chunkBytes) {
        if (findStore("system").isEmpty()) {
            define("system", "file");
        }
        JobEngine engine = new JobEngine(new Jobs(environment(chunkBytes)),
                new JobHistory(() -> findStore("system"), retention), new Throttle(0), maxConcurrent);
        engine.start();
        return engine;
    }

    @Override
    public List<StoreInfo> stores() {
        return stores.values().stream().map(Store::info).toList();
    }

    @Override
    public Store store(String name) {
        return findStore(name).orElseThrow(() -> new NotFoundException("No store named '" + name + "'"));
    }

    @Override
    public Optional<Store> findStore(String name) {
        return Optional.ofNullable(stores.get(name));
    }

    @Override
    public List<BackendInfo> backends() {
        return List.of();
    }

    @Override
    public Store create(String name) {
        return define(name, "memory");
    }

    @Override
    public void drop(String name) {
        close(name);
    }

    @Override
    public void close() {
        for (String name : List.copyOf(stores.keySet())) {
            close(name);
        }
    }
}
