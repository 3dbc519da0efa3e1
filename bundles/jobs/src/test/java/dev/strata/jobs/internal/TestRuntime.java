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
import dev.strata.jobs.internal.archive.ArchiveFiles;
import dev.strata.jobs.internal.work.JobEnvironment;
import dev.strata.jobs.internal.work.Jobs;
import dev.strata.jobs.internal.work.ScratchStores;
import dev.strata.jobs.internal.work.StoreDefinitions;
import dev.strata.api.management.StoreControl;
import java.util.TreeMap;

/**
 * Real stores (core's store layer over the memory, file and Xodus engines) and the real crypto services, outside any
 * framework: what the job service sees in the runtime, minus OSGi.
 */
final class TestRuntime implements StorageService, ScratchStores, StoreDefinitions, StoreControl, AutoCloseable {

    final Path root;
    final CryptoServices crypto = new CryptoServices();
    final TestKeys keys = new TestKeys();
    final Map<String, MigrationTransform> transforms = new ConcurrentHashMap<>();
    /** The clock of every store defined here and of the jobs' environment. */
    final TestClock clock = new TestClock();
    private final Map<String, ManagedStore> stores = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> definitions = new ConcurrentHashMap<>();
    /** Creates the files archives are written into (for the environment): the disk, or a test's failing one. */
    ArchiveFiles archiveFiles = ArchiveFiles.DISK;
    /** Minutes a migrated store keeps its old files (for the environment). */
    long keepSourceMinutes = 60;
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
        Map<String, String> config = new TreeMap<>();
        config.put("name", name);
        config.put("backend", engine);
        config.put("durability", "memory".equals(engine) ? "none" : "os");
        return define(config);
    }

    @Override
    public synchronized Store define(Map<String, String> config) {
        String name = config.get("name");
        StoreDefinition definition = StoreDefinition.from(config);
        ManagedStore store = new ManagedStore(definition, definition.directoryIn(root.resolve("data")), clock);
        String engine = definition.backend();
        StorageBackend backend = backend(engine);
        store.attach(backend, new BackendInfo(engine, "test." + engine, "1.0.0", backend.capabilities()));
        stores.put(name, store);
        definitions.put(name, Map.copyOf(new TreeMap<>(config)));
        return store;
    }

    private StorageBackend backend(String engine) {
        return switch (engine) {
            case "memory" -> memory;
            case "file" -> file;
            case "xodus" -> xodus;
            default -> throw new NotFoundException("no backend '" + engine + "'");
        };
    }

    @Override
    public Map<String, String> definition(String store) {
        Map<String, String> d = definitions.get(store);
        if (d == null) {
            throw new NotFoundException("store '" + store + "' has no definition");
        }
        return d;
    }

    /** As core does on a configuration change: the old engine closes after the work inside it, the new one opens. */
    @Override
    public synchronized Store redefine(String store, Map<String, String> definition) {
        if (!killAfter && kill.test(store, definition)) {
            die();
        }
        close(store);
        Store redefined = define(definition);
        if (killAfter && kill.test(store, definition)) {
            die();
        }
        return redefined;
    }

    /**
     * A test's stand-in for a kill -9 inside a redefinition: the thread redefining a store so (before the new
     * definition is applied, or just after) stops there for good and counts {@link #killed} down; the test then
     * closes this runtime as a dying process's files close, and starts another over the same directories.
     */
    void killAt(String what, java.util.function.BiPredicate<String, Map<String, String>> when, boolean after) {
        this.kill = when;
        this.killAfter = after;
    }

    /** Counted down when a thread stops at {@link #killAt}. */
    final java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
    private volatile java.util.function.BiPredicate<String, Map<String, String>> kill = (s, d) -> false;
    private volatile boolean killAfter;

    private void die() {
        killed.countDown();
        while (true) {
            java.util.concurrent.locks.LockSupport.park(this);
        }
    }

    /** Every definition as ConfigAdmin would keep it across a restart. */
    Map<String, Map<String, String>> definitions() {
        return new TreeMap<>(definitions);
    }

    @Override
    public void remove(String store) {
        forget(store);
    }

    @Override
    public void reopen(String store) {
        redefine(store, definition(store));
    }

    @Override
    public void checkpoint(String store) {
        ((ManagedStore) store(store)).maintain(e -> e.checkpoint());
    }

    @Override
    public void compact(String store) {
        ((ManagedStore) store(store)).maintain(e -> e.compact());
    }

    /** Like core's close: the engine closes, the store stays defined, UNAVAILABLE until a reopen. */
    @Override
    public void close(String name) {
        ((ManagedStore) store(name)).detach("closed by an operator", 1000);
    }

    /** Closes a store's engine (as a stop of the runtime does) and forgets it. */
    void forget(String name) {
        ManagedStore store = stores.remove(name);
        definitions.remove(name);
        if (store != null) {
            store.detach("closed by the test", 1000);
        }
    }

    JobEnvironment environment(int chunkBytes) {
        return new JobEnvironment(this, crypto, name -> Optional.ofNullable(transforms.get(name)), this,
                () -> findStore("system"), root.resolve("backups"), root.resolve("archives"), "lz4", chunkBytes, this,
                () -> Optional.of(this), keepSourceMinutes, clock, archiveFiles);
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
        return List.of(new BackendInfo("memory", "test.memory", "1.0.0", memory.capabilities()),
                new BackendInfo("file", "test.file", "1.0.0", file.capabilities()),
                new BackendInfo("xodus", "test.xodus", "1.0.0", xodus.capabilities()));
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
