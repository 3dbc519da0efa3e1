package dev.strata.backend.xodus.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.crypto.TestAesGcmCipher;

/** Small helpers the Xodus tests share: configs, one-key writes and reads. */
final class XodusTestStores {

    private XodusTestStores() {
    }

    static EngineConfig config(Path directory, Object... settings) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            properties.put((String) settings[i], settings[i + 1]);
        }
        return new EngineConfig("test", directory, Durability.OS, properties);
    }

    /** A backend with a key provider and the AES-256-GCM cipher bound, as the crypto bundle provides them. */
    static XodusBackend encryptedBackend(TestKeyProvider keys) {
        XodusBackend backend = new XodusBackend();
        backend.bindKeyProvider(keys);
        backend.bindCipher(new TestAesGcmCipher());
        return backend;
    }

    /**
     * Changes a store's Xodus environment directly, below the engine (the store must be closed), over the store's
     * preallocated log files as the engine reads them, with the default log file size.
     */
    static void rawUpdate(Path directory, java.util.function.BiConsumer<jetbrains.exodus.env.Environment,
            jetbrains.exodus.env.Transaction> change) {
        long fileBytes = 32L << 20;
        jetbrains.exodus.env.Environment environment;
        try {
            PreallocatedLog log = PreallocatedLog.open(directory, fileBytes, LogStorage.FILES, false);
            environment = XodusOpener.newEnvironment(log, directory,
                    new jetbrains.exodus.env.EnvironmentConfig().setLogFileSize(fileBytes / 1024));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            environment.executeInTransaction(txn -> change.accept(environment, txn));
        } finally {
            environment.close();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static void put(StorageEngine engine, String key, String value) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes(key), bytes(value));
            tx.commit();
        }
    }

    static String get(StorageEngine engine, String key) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            return text(tx.get(bytes(key)));
        }
    }
}
