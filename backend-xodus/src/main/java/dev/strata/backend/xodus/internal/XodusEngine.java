package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;
import dev.strata.api.spi.support.EngineState;
import dev.strata.api.spi.support.TransactionState;

import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;

/**
 * One store: a Xodus environment in the store's directory holding one Patricia store
 * ({@link StoreConfig#WITHOUT_DUPLICATES_WITH_PREFIXING}) of all keys, each value in an integrity envelope
 * ({@link ValueCodec}) and the commit sequence under the empty key ({@link CommitSequence}), and the store's
 * metadata ({@link StoreMeta}). Damage found on any read puts the engine in
 * read-only mode and is logged; {@code fsync} commits are forced outside every lock by {@link GroupForce}.
 */
final class XodusEngine implements StorageEngine {

    /** The name of the Xodus store of all keys inside the environment. */
    static final String KEY_STORE = "strata.keys";
    private static final int MAX_REPORTED_PROBLEMS = 100;

    private final System.Logger log;
    private final String storeName;
    private final Path directory;
    private final XodusStoreSettings settings;
    private final EnvironmentImpl environment;
    private final Store store;
    private final CommitSequence commits;
    private final ValueCodec codec;
    private final Consumer<XodusEngine> onClose;
    private final Set<XodusTransaction> openTransactions = ConcurrentHashMap.newKeySet();
    /** Open or closed, with the SPI support's typed error; what transactions check ({@link TransactionState}). */
    private final EngineState state;
    private final XodusCompaction compaction;
    private final WriteConflicts conflicts;
    private final GroupForce groupForce;
    private final LogFiles logFiles;
    private final boolean forceEachCommit;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile StorageException failure;

    XodusEngine(XodusOpener.Opened opened, EngineConfig config, XodusStoreSettings settings, LogForce logForce,
            Consumer<XodusEngine> onClose) {
        this.log = System.getLogger("dev.strata.backend.xodus." + config.storeName());
        this.storeName = config.storeName();
        this.state = new EngineState(storeName);
        this.directory = config.directory();
        this.settings = settings;
        this.environment = opened.environment();
        this.store = opened.keys();
        this.commits = opened.commits();
        this.codec = opened.encryption().codec();
        this.onClose = onClose;
        this.logFiles = new LogFiles(environment.getLog(), opened.log(), directory, logForce);
        this.forceEachCommit = config.durability() == Durability.FSYNC;
        this.compaction = new XodusCompaction(environment);
        long sequence = opened.encryption().sequence();
        this.conflicts = new WriteConflicts(storeName, sequence);
        this.groupForce = new GroupForce(storeName, sequence, conflicts::lastCommit, logFiles::force);
        for (CorruptionException problem : opened.problems()) {
            corrupted(problem);
        }
        forceCreation();
        verifyOnOpen();
    }

    /**
     * A new store's first commits (Xodus's first root, the store's header) are forced before it is handed out: a
     * power loss that tore them would leave a log Xodus refuses to open ("no valid root"), not an empty store.
     */
    private void forceCreation() {
        try {
            logFiles.force();
        } catch (IOException e) {
            releaseLogForce();
            throw new StorageException("store '" + storeName + "': forcing the log at open failed: " + e, e);
        }
    }

    private void releaseLogForce() {
        try {
            logFiles.close();
        } catch (IOException e) {
            log.log(Level.WARNING, "store ''{0}'': closing the log force: {1}", storeName, e.getMessage());
        }
    }

    /**
     * Xodus keeps no checksums of its tree: a flipped bit in a node's key makes a key vanish from lookups without
     * an error, which only a walk sees (its value's envelope no longer matches the key it is found under, or the
     * walk counts fewer keys than the tree records). Stores up to {@code xodus.verifyOnOpen} are walked at open.
     */
    private void verifyOnOpen() {
        long logBytes = environment.getLog().getDiskUsage();
        if (logBytes > settings.verifyOnOpenBytes()) {
            log.log(Level.INFO, "store ''{0}'': log of {1} bytes not verified at open (above {2}); run verify",
                    storeName, logBytes, XodusStoreSettings.VERIFY_ON_OPEN);
            return;
        }
        verify();
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        return begin(mode, IsolationLevel.SNAPSHOT);
    }

    /** Read committed and snapshot get a snapshot transaction; serializable also validates its reads at commit. */
    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        if (mode == null || isolation == null) {
            throw new InvalidArgumentException("transaction mode and isolation level must not be null");
        }
        checkOpen();
        if (mode == TransactionMode.READ_WRITE && failure != null) {
            throw new ReadOnlyException("store '" + storeName + "' is read-only after a failure: " + failure.getMessage(), failure);
        }
        try {
            XodusTransaction transaction;
            TransactionState transactionState = new TransactionState(state, mode);
            if (mode == TransactionMode.READ_ONLY) {
                WriteConflicts.Begun begun = conflicts.beginReadOnly(environment::beginReadonlyTransaction);
                transaction = new XodusTransaction(this, begun.txn(), transactionState, isolation, null,
                        begun.snapshot());
            } else {
                WriteConflicts.Begun begun = conflicts.begin(environment::beginTransaction);
                transaction = new XodusTransaction(this, begun.txn(), transactionState, isolation, conflicts,
                        begun.snapshot());
            }
            openTransactions.add(transaction);
            return transaction;
        } catch (RuntimeException e) {
            throw translate("begin", e);
        }
    }

    @Override
    public EngineMetrics metrics() {
        checkOpen();
        return XodusMetrics.of(environment, store, directory, compaction.state(), openTransactions.size());
    }

    @Override
    public boolean isReadOnly() {
        return failure != null;
    }

    /** Why the engine is read-only, or {@code null}. */
    StorageException failure() {
        return failure;
    }

    @Override
    public void checkpoint() {
        checkOpen();
        try {
            long sequence = conflicts.lastCommit();
            environment.flushAndSync();
            witness(sequence);
        } catch (RuntimeException e) {
            throw translate("checkpoint", e);
        }
    }

    @Override
    public void compact() {
        checkOpen();
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            compaction.compactNow();
        } catch (RuntimeException e) {
            throw translate("compact", e);
        }
    }

    /** Stops Xodus's background log cleaner until {@link #resumeCompaction()}. */
    public void pauseCompaction() {
        checkOpen();
        compaction.pause();
    }

    public void resumeCompaction() {
        checkOpen();
        compaction.resume();
    }

    @Override
    public void snapshot(Path target) {
        checkOpen();
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            compaction.whilePaused(() -> XodusSnapshot.copy(environment, target));
        } catch (RuntimeException e) {
            throw translate("snapshot", e);
        }
    }

    /** Walks every value and checks its envelope; reports each damaged key, and what opening found. */
    @Override
    public VerifyResult verify() {
        checkOpen();
        List<String> found = new ArrayList<>(problems);
        long[] counts = new long[2];
        try {
            environment.executeInReadonlyTransaction(txn -> {
                try {
                    commits.read(txn);
                } catch (CorruptionException e) {
                    found.add(e.getMessage());
                    corrupted(e);
                }
                long recorded = store.count(txn);
                try (jetbrains.exodus.env.Cursor cursor = store.openCursor(txn)) {
                    while (cursor.getNext()) {
                        byte[] key = XodusBytes.copy(cursor.getKey());
                        if (CommitSequence.isHidden(key)) {
                            recorded--; // the commit sequence (its own checksum is checked above)
                            continue;
                        }
                        byte[] stored = XodusBytes.copy(cursor.getValue());
                        counts[0]++;
                        try {
                            counts[1] += key.length + codec.decode(key, stored).length;
                        } catch (CorruptionException e) {
                            corrupted(e);
                            if (found.size() < MAX_REPORTED_PROBLEMS) {
                                found.add(e.getMessage());
                            }
                        }
                    }
                }
                if (counts[0] != recorded) {
                    CorruptionException lost = new CorruptionException("store '" + storeName + "': a walk finds "
                            + counts[0] + " keys where the tree records " + recorded, directory.toString(), -1);
                    corrupted(lost);
                    found.add(lost.getMessage());
                }
            });
        } catch (RuntimeException e) {
            StorageException failed = translateRead("verify", e);
            found.add(failed.getMessage());
        }
        return new VerifyResult(counts[0], counts[1], found.stream().distinct().toList());
    }

    @Override
    public void close() {
        if (!state.close()) {
            return;
        }
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            for (XodusTransaction transaction : List.copyOf(openTransactions)) {
                transaction.abandon();
            }
            long sequence = conflicts.lastCommit();
            environment.close();
            witness(sequence);
        } catch (RuntimeException e) {
            throw XodusErrors.translate(storeName, "close", e);
        } finally {
            releaseLogForce();
            onClose.accept(this);
        }
    }

    /** Records a sequence the log now durably holds, unless the store is damaged (keeping the evidence). */
    private void witness(long sequence) {
        if (failure == null) {
            CommitWitness.write(directory, sequence);
        }
    }

    String storeName() {
        return storeName;
    }

    Store keys() {
        return store;
    }

    CommitSequence commits() {
        return commits;
    }

    ValueCodec codec() {
        return codec;
    }

    long maxValueBytes() {
        return settings.maxValueBytes() - codec.overhead();
    }

    long forces() {
        return groupForce.forces();
    }

    void finished(XodusTransaction transaction) {
        openTransactions.remove(transaction);
    }

    /** Opens a value's envelope; damage is reported, puts the engine in read-only mode and is thrown. */
    byte[] openValue(byte[] key, byte[] stored) {
        try {
            return codec.decode(key, stored);
        } catch (CorruptionException e) {
            corrupted(e);
            throw e;
        }
    }

    /** At {@code fsync}, returns once a force covers commit {@code sequence}; a failed force makes the store read-only. */
    void awaitDurable(long sequence) {
        if (!forceEachCommit) {
            return;
        }
        try {
            groupForce.awaitForced(sequence);
        } catch (StorageException e) {
            enterReadOnlyMode(e);
            throw e;
        }
    }

    /** Damage found: logged once per message, and the engine refuses writes from now on. */
    void corrupted(CorruptionException e) {
        if (!problems.contains(e.getMessage())) {
            problems.add(e.getMessage());
            log.log(Level.ERROR, "store ''{0}'' is damaged and now read-only: {1}", storeName, e.getMessage());
        }
        enterReadOnlyMode(e);
    }

    /** A failed commit or force (I/O, full disk) or damage puts the store in safe mode: reads go on, writes are refused. */
    void enterReadOnlyMode(StorageException cause) {
        if (!state.isClosed() && failure == null) {
            failure = cause;
        }
    }

    StorageException translate(String action, RuntimeException e) {
        if (state.isClosed()) {
            return new StoreUnavailableException("store '" + storeName + "' is closed", e);
        }
        return XodusErrors.translate(storeName, action, e);
    }

    /** Like {@link #translate}, but what Xodus throws while reading committed data is damage. */
    StorageException translateRead(String action, RuntimeException e) {
        if (state.isClosed()) {
            return new StoreUnavailableException("store '" + storeName + "' is closed", e);
        }
        StorageException translated = XodusErrors.translateRead(storeName, directory, action, e);
        if (translated instanceof CorruptionException corruption) {
            corrupted(corruption);
        }
        return translated;
    }

    private void checkOpen() {
        state.checkOpen();
    }
}
