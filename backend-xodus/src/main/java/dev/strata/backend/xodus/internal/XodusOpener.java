package dev.strata.backend.xodus.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.CorruptionException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.api.spi.EngineConfig;

import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;
import jetbrains.exodus.log.LogConfig;

/**
 * Opens a store's Xodus environment: refuses a store of format 1 with a clear message (no migration: its values
 * carry no envelope, and its encrypted form needs Xodus's stream cipher), creates or checks the header in the
 * store's metadata, and compares the commit sequence the log holds with the {@link CommitWitness}: a log that ends
 * before a witnessed commit opens, read-only, with the problem reported.
 */
final class XodusOpener {

    /** What opening found: the environment, its two stores, the header, and damage to report. */
    record Opened(EnvironmentImpl environment, PreallocatedLog log, Store keys, StoreMeta meta,
            CommitSequence commits, StoreEncryption encryption, List<CorruptionException> problems) {
    }

    private XodusOpener() {
    }

    /**
     * @param readerWriterProvider Xodus's own I/O provider by class name (its files as they grow, for tests), or
     *                             {@code null}: the store's {@link PreallocatedLog} over {@code storage}
     */
    static Opened open(EngineConfig config, XodusStoreSettings settings, String readerWriterProvider,
            LogStorage storage, KeyProvider keys, AeadCipher cipher) {
        String storeName = config.storeName();
        Path directory = config.directory();
        if (Files.exists(directory.resolve(StoreEncryption.FORMAT_1_SIDECAR))) {
            throw formatOne(storeName, "encrypted with Xodus's stream cipher");
        }
        EnvironmentConfig environmentConfig = settings.environmentConfig();
        PreallocatedLog log = null;
        EnvironmentImpl environment;
        try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
            if (readerWriterProvider != null) {
                environmentConfig.setLogDataReaderWriterProvider(readerWriterProvider);
                environment = (EnvironmentImpl) Environments.newInstance(new File(directory.toString()),
                        environmentConfig);
            } else {
                log = PreallocatedLog.open(directory, settings.logFileBytes(), storage,
                        config.durability() != dev.strata.api.Durability.FSYNC);
                environment = newEnvironment(log, directory, environmentConfig);
            }
        } catch (IOException e) {
            throw new StorageException("store '" + storeName + "': open failed: reading its log files: " + e, e);
        } catch (RuntimeException e) {
            throw XodusErrors.translate(storeName, "open", e);
        }
        try {
            return openStores(environment, log, config, keys, cipher);
        } catch (RuntimeException e) {
            try (ContextClassLoaderScope scope = ContextClassLoaderScope.enter()) {
                environment.close();
            }
            throw XodusErrors.translate(storeName, "open", e);
        }
    }

    /** A Xodus environment over a preallocated log (Xodus takes the reader and writer as they are). */
    static EnvironmentImpl newEnvironment(PreallocatedLog log, Path directory, EnvironmentConfig environmentConfig) {
        LogConfig logConfig = new LogConfig().setLocation(directory.toString())
                .setReaderWriter(log.reader(), log.writer());
        try {
            return (EnvironmentImpl) Environments.newInstance(logConfig, environmentConfig);
        } catch (RuntimeException e) {
            log.reader().close();
            throw e;
        }
    }

    private static Opened openStores(EnvironmentImpl environment, PreallocatedLog log, EngineConfig config,
            KeyProvider keys, AeadCipher cipher) {
        String storeName = config.storeName();
        String location = config.directory().toString();
        String alias = XodusStoreSettings.from(config).keyAlias();
        Transaction txn = environment.beginTransaction();
        try {
            boolean existing = environment.storeExists(XodusEngine.KEY_STORE, txn);
            boolean described = environment.storeExists(StoreMeta.NAME, txn);
            if (existing && !described) {
                throw formatOne(storeName, "plain");
            }
            Store store = environment.openStore(XodusEngine.KEY_STORE, StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn);
            StoreMeta meta = new StoreMeta(environment.openStore(StoreMeta.NAME, StoreConfig.WITHOUT_DUPLICATES, txn),
                    storeName, location);
            CommitSequence commits = new CommitSequence(store, meta);
            StoreEncryption encryption;
            if (!described) {
                encryption = StoreEncryption.create(txn, meta, commits, storeName, location, alias, keys, cipher);
            } else if (meta.isEmpty(txn)) {
                throw meta.damaged("is empty");
            } else {
                encryption = StoreEncryption.open(txn, meta, commits, storeName, location, alias, keys, cipher);
            }
            if (!txn.commit()) {
                throw new StoreUnavailableException("store '" + storeName + "': Xodus refused the commit that opens it");
            }
            List<CorruptionException> problems = new ArrayList<>();
            try {
                long witnessed = CommitWitness.read(config.directory());
                if (witnessed > encryption.sequence()) {
                    problems.add(new CorruptionException("store '" + storeName + "': the log ends at commit "
                            + encryption.sequence() + " but commit " + witnessed + " was durable at the last "
                            + "checkpoint or clean close: Xodus cut damaged log records, acknowledged commits are lost",
                            location, -1));
                }
            } catch (CorruptionException e) {
                problems.add(e);
            }
            return new Opened(environment, log, store, meta, commits, encryption, problems);
        } finally {
            if (!txn.isFinished()) {
                txn.abort();
            }
        }
    }

    private static StoreUnavailableException formatOne(String storeName, String how) {
        return new StoreUnavailableException("store '" + storeName + "' was written in Xodus engine format 1 (" + how
                + ", values without integrity checks); this release reads format " + StoreMeta.FORMAT
                + " only and does not migrate: export it with the previous release and import it into a new store");
    }
}
