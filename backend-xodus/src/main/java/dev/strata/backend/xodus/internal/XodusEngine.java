package dev.strata.backend.xodus.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;

/**
 * One store: a Xodus environment in the store's directory holding one Patricia store
 * ({@link StoreConfig#WITHOUT_DUPLICATES_WITH_PREFIXING}) of all keys.
 */
final class XodusEngine implements StorageEngine {

    /** The name of the one Xodus store inside the environment. */
    static final String KEY_STORE = "strata.keys";

    private final String storeName;
    private final Path directory;
    private final XodusStoreSettings settings;
    private final EnvironmentImpl environment;
    private final Store store;
    private final Consumer<XodusEngine> onClose;
    private final Set<XodusTransaction> openTransactions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final XodusCompaction compaction;
    private final WriteConflicts conflicts = new WriteConflicts();
    private volatile StorageException failure;

    private XodusEngine(EngineConfig config, XodusStoreSettings settings, EnvironmentImpl environment, Store store,
            Consumer<XodusEngine> onClose) {
        this.storeName = config.storeName();
        this.directory = config.directory();
        this.settings = settings;
        this.environment = environment;
        this.store = store;
        this.onClose = onClose;
        this.compaction = new XodusCompaction(environment);
    }

    /** Opens (creating when absent) the environment in the store's directory. */
    static XodusEngine open(EngineConfig config, XodusStoreSettings settings, StoreEncryption encryption,
            Consumer<XodusEngine> onClose) {
        EnvironmentConfig environmentConfig = settings.environmentConfig(config.durability());
        if (encryption != null) {
            environmentConfig.setCipherId(StoreEncryption.CIPHER_ID)
                    .setCipherKey(encryption.cipherKeyHex())
                    .setCipherBasicIV(encryption.basicIv());
        }
        EnvironmentImpl environment;
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            environment = (EnvironmentImpl) Environments.newInstance(new File(config.directory().toString()), environmentConfig);
        } catch (NoClassDefFoundError | java.util.ServiceConfigurationError e) {
            throw new StoreUnavailableException("store '" + config.storeName() + "': Xodus's cipher needs Bouncy Castle "
                    + "(org.bouncycastle bcprov), which is not installed", e);
        } catch (RuntimeException e) {
            throw XodusErrors.translate(config.storeName(), "open", e);
        }
        try {
            Transaction txn = environment.beginTransaction();
            Store store;
            try {
                store = environment.openStore(KEY_STORE, StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn);
                txn.commit();
            } finally {
                if (!txn.isFinished()) {
                    txn.abort();
                }
            }
            return new XodusEngine(config, settings, environment, store, onClose);
        } catch (RuntimeException e) {
            try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
                environment.close();
            }
            throw XodusErrors.translate(config.storeName(), "open", e);
        }
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        checkOpen();
        if (mode == TransactionMode.READ_WRITE && failure != null) {
            throw new ReadOnlyException("store '" + storeName + "' is read-only after a failure: " + failure.getMessage(), failure);
        }
        try {
            XodusTransaction transaction;
            if (mode == TransactionMode.READ_ONLY) {
                WriteConflicts.Begun begun = conflicts.beginReadOnly(environment::beginReadonlyTransaction);
                transaction = new XodusTransaction(this, begun.txn(), store, mode, null, begun.snapshot());
            } else {
                WriteConflicts.Begun begun = conflicts.begin(environment::beginTransaction);
                transaction = new XodusTransaction(this, begun.txn(), store, mode, conflicts, begun.snapshot());
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

    @Override
    public void checkpoint() {
        checkOpen();
        try {
            environment.flushAndSync();
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
            compaction.whilePaused(() -> XodusSnapshot.copy(environment, directory, target));
        } catch (RuntimeException e) {
            throw translate("snapshot", e);
        }
    }

    @Override
    public VerifyResult verify() {
        checkOpen();
        try {
            return StorageEngine.super.verify();
        } catch (StorageException e) {
            return VerifyResult.damaged(0, 0, e.getMessage());
        } catch (RuntimeException e) {
            return VerifyResult.damaged(0, 0, translate("verify", e).getMessage());
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            for (XodusTransaction transaction : List.copyOf(openTransactions)) {
                transaction.abort();
            }
            environment.close();
        } catch (RuntimeException e) {
            throw XodusErrors.translate(storeName, "close", e);
        } finally {
            onClose.accept(this);
        }
    }

    String storeName() {
        return storeName;
    }

    long maxValueBytes() {
        return settings.maxValueBytes();
    }

    void finished(XodusTransaction transaction) {
        openTransactions.remove(transaction);
    }

    /** A failed commit (I/O, full disk) puts the store in safe mode: reads go on, writes are refused. */
    void enterReadOnlyMode(StorageException cause) {
        if (!closed.get() && failure == null) {
            failure = cause;
        }
    }

    StorageException translate(String action, RuntimeException e) {
        if (closed.get()) {
            return new StoreUnavailableException("store '" + storeName + "' is closed", e);
        }
        return XodusErrors.translate(storeName, action, e);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("store '" + storeName + "' is closed");
        }
    }
}
