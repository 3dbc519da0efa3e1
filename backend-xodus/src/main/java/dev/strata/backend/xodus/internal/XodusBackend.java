package dev.strata.backend.xodus.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.api.spi.StrataBackend;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Xodus backend ({@code strata.backend=xodus}): each store is a Xodus environment in the store's directory.
 * Xodus runs embedded in this bundle; when the component deactivates it closes every store it opened and stops
 * Xodus's shared threads, so that nothing of Xodus outlives the bundle.
 */
@Component(service = StorageBackend.class, immediate = true,
        property = XodusBackend.ENCRYPTION_PROPERTY + "=" + XodusBackend.ENCRYPTION_NOTE)
@StrataBackend(XodusBackend.TYPE)
public final class XodusBackend implements StorageBackend {

    /** The value of {@code strata.backend} for this backend. */
    public static final String TYPE = "xodus";
    /** Service property saying, for the console, what encryption covers (the capabilities have no field for it). */
    public static final String ENCRYPTION_PROPERTY = "strata.xodus.encryption";
    /** Values are sealed and authenticated per value; keys stay plain in Xodus's ordered tree. */
    public static final String ENCRYPTION_NOTE = "values authenticated (AES-256-GCM per value), keys not encrypted";

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.of(IsolationLevel.READ_COMMITTED, IsolationLevel.SNAPSHOT, IsolationLevel.SERIALIZABLE),
            EnumSet.allOf(Durability.class),
            true, true, false, false, true,
            // Xodus reports neither the heap it holds for one store's data nor per-store cache counts
            // (its cache is shared by every store; the hit rate is in the extra figures)
            java.util.Set.of(BackendCapabilities.MEMORY_BYTES, BackendCapabilities.CACHE_HITS,
                    BackendCapabilities.CACHE_MISSES));

    private final Set<XodusEngine> openEngines = ConcurrentHashMap.newKeySet();
    /** The tests' force for every store, or {@code null}: each store gets an {@link OpenFileForce} of its own. */
    private final LogForce logForce;
    /** Xodus's reader/writer provider by class name (its own plug-in point), {@code null} for its file provider. */
    private final String readerWriterProvider;
    /** Where the stores' preallocated logs do their file I/O (tests put a simulated disk there). */
    private final LogStorage logStorage;
    private volatile KeyProvider keyProvider;
    private volatile AeadCipher cipher;

    /** For DS, and for tests and tools outside OSGi. */
    public XodusBackend() {
        this(null, null, LogStorage.FILES);
    }

    /**
     * For tests: a backend whose stores write their logs through Xodus's own file provider (files that grow with
     * every commit, as before the log was preallocated) and force them through {@code logForce}.
     */
    XodusBackend(LogForce logForce) {
        this(logForce, jetbrains.exodus.io.DataReaderWriterProvider.DEFAULT_READER_WRITER_PROVIDER);
    }

    /**
     * For benchmarks, to measure against the log before preallocation (A/B in one run): stores written through
     * Xodus's own file provider, whose files grow with every commit. Not for stores that hold data: a store written
     * with preallocated files cannot be read this way.
     */
    public static XodusBackend withGrowingLogFiles() {
        return new XodusBackend(null, jetbrains.exodus.io.DataReaderWriterProvider.DEFAULT_READER_WRITER_PROVIDER);
    }

    /** For tests: a backend whose stores' preallocated logs do their file I/O through {@code logStorage}. */
    XodusBackend(LogStorage logStorage) {
        this(null, null, logStorage);
    }

    /**
     * For tests: stores that also read and write their log through another {@link
     * jetbrains.exodus.io.DataReaderWriterProvider} (found by Xodus through {@code ServiceLoader}, by class name).
     */
    XodusBackend(LogForce logForce, String readerWriterProvider) {
        this(logForce, readerWriterProvider, LogStorage.FILES);
    }

    private XodusBackend(LogForce logForce, String readerWriterProvider, LogStorage logStorage) {
        this.logForce = logForce;
        this.readerWriterProvider = readerWriterProvider;
        this.logStorage = logStorage;
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        XodusSharedThreads.restartIfStopped();
        XodusStoreSettings settings = XodusStoreSettings.from(config);
        XodusOpener.Opened opened = XodusOpener.open(config, settings, readerWriterProvider, logStorage, keyProvider,
                cipher);
        XodusEngine engine = new XodusEngine(opened, config, settings,
                logForce != null ? logForce : new OpenFileForce(), openEngines::remove);
        openEngines.add(engine);
        return engine;
    }

    @Activate
    void activate() {
        XodusSharedThreads.restartIfStopped();
    }

    /** Closes every store still open, then ends Xodus's shared threads. */
    @Deactivate
    void deactivate() {
        StorageException firstFailure = null;
        for (XodusEngine engine : List.copyOf(openEngines)) {
            try {
                engine.close();
            } catch (StorageException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        XodusSharedThreads.stop();
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindKeyProvider(KeyProvider provider) {
        this.keyProvider = provider;
    }

    void unbindKeyProvider(KeyProvider provider) {
        if (this.keyProvider == provider) {
            this.keyProvider = null;
        }
    }

    /** The cipher is chosen by its algorithm, never by service order: a store records the algorithm it uses. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + AeadCipher.ALGORITHM_PROPERTY + "=" + StoreEncryption.ALGORITHM + ")")
    void bindCipher(AeadCipher service) {
        this.cipher = service;
    }

    void unbindCipher(AeadCipher service) {
        if (this.cipher == service) {
            this.cipher = null;
        }
    }
}
