package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static dev.strata.backend.xodus.internal.XodusTestStores.encryptedBackend;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static dev.strata.backend.xodus.internal.XodusTestStores.put;
import static dev.strata.backend.xodus.internal.XodusTestStores.rawUpdate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.strata.api.CorruptionException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.crypto.TestAesGcmCipher;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest: each value sealed with AES-256-GCM, bound to its store and key; the store's header (inside
 * the store) records the algorithm, the key and a key check, so a wrong key is refused up front and damage to the
 * header is damage, not a "wrong key".
 */
class XodusEncryptionTest {

    private static final String SECRET = "the secret value 0123456789";

    @TempDir
    Path directory;

    private final TestKeyProvider keys = new TestKeyProvider();

    private EngineConfig encrypted(Path store) {
        return config(store, XodusStoreSettings.KEY_ALIAS, "store-key");
    }

    private Path encryptedStoreWithTwoKeys() {
        Path store = directory.resolve("s");
        try (StorageEngine engine = encryptedBackend(keys).open(encrypted(store))) {
            put(engine, "k1", SECRET);
            put(engine, "k2", "another value");
        }
        return store;
    }

    @Test
    void encryptedValuesRoundTripAndAreNotOnDiskInClear() throws IOException {
        Path store = encryptedStoreWithTwoKeys();
        try (StorageEngine engine = encryptedBackend(keys).open(encrypted(store))) {
            assertEquals(SECRET, get(engine, "k1"));
            assertTrue(engine.verify().isHealthy());
        }
        assertFalse(anyFileContains(store, SECRET), "no plaintext value in the store's files");
        assertFalse(Files.exists(store.resolve(StoreEncryption.FORMAT_1_SIDECAR)), "no sidecar: the header is inside");
    }

    @Test
    void aWrongKeyIsRefusedBeforeAnyDataAndTheStoreStaysIntact() {
        Path store = encryptedStoreWithTwoKeys();
        TestKeyProvider otherKeys = new TestKeyProvider();
        assertThrows(WrongKeyException.class, () -> encryptedBackend(otherKeys).open(encrypted(store)));
        try (StorageEngine engine = encryptedBackend(keys).open(encrypted(store))) {
            assertEquals(SECRET, get(engine, "k1"), "the right key still opens the untouched store");
        }
    }

    @Test
    void aKeyRotatedAfterCreationStillOpensTheStoreWithTheKeyItWasCreatedWith() {
        Path store = encryptedStoreWithTwoKeys();
        keys.rotate("store-key");
        try (StorageEngine engine = encryptedBackend(keys).open(encrypted(store))) {
            assertEquals(SECRET, get(engine, "k1"));
        }
    }

    @Test
    void encryptionStateMustMatchTheConfigurationAndNeedsBothServices() {
        Path encryptedStore = encryptedStoreWithTwoKeys();
        assertThrows(WrongKeyException.class, () -> encryptedBackend(keys).open(config(encryptedStore)),
                "an encrypted store opened without a key alias");
        Path plainStore = directory.resolve("plain");
        try (StorageEngine engine = encryptedBackend(keys).open(config(plainStore))) {
            put(engine, "k", "v");
        }
        assertThrows(WrongKeyException.class, () -> encryptedBackend(keys).open(encrypted(plainStore)),
                "a plain store cannot be opened as encrypted");
        XodusBackend noKeys = new XodusBackend();
        noKeys.bindCipher(new TestAesGcmCipher());
        assertThrows(StoreUnavailableException.class, () -> noKeys.open(encrypted(encryptedStore)));
        XodusBackend noCipher = new XodusBackend();
        noCipher.bindKeyProvider(keys);
        StoreUnavailableException missing = assertThrows(StoreUnavailableException.class,
                () -> noCipher.open(encrypted(encryptedStore)));
        assertTrue(missing.getMessage().contains("AES-256-GCM"), missing.getMessage());
    }

    @Test
    void valuesSwappedBetweenKeysAreDetectedAndTheStoreGoesReadOnly() {
        Path store = encryptedStoreWithTwoKeys();
        rawUpdate(store, (environment, txn) -> {
            Store keyStore = environment.openStore(XodusEngine.KEY_STORE, StoreConfig.USE_EXISTING, txn);
            ByteIterable first = new ArrayByteIterable(XodusBytes.copy(keyStore.get(txn, key("k1"))));
            ByteIterable second = new ArrayByteIterable(XodusBytes.copy(keyStore.get(txn, key("k2"))));
            keyStore.put(txn, key("k1"), second);
            keyStore.put(txn, key("k2"), first);
        });
        try (StorageEngine engine = encryptedBackend(keys).open(encrypted(store))) {
            CorruptionException swapped = assertThrows(CorruptionException.class, () -> get(engine, "k1"));
            assertTrue(swapped.getMessage().contains("store 'test'") && swapped.getMessage().contains("k1"),
                    swapped.getMessage());
            assertTrue(engine.isReadOnly(), "damage seen: the store refuses writes");
            assertEquals(2, engine.verify().problems().size(), engine.verify().problems().toString());
        }
    }

    @Test
    void damageInTheHeaderIsOneTypedLineNotAWrongKey() {
        Path store = encryptedStoreWithTwoKeys();
        flipMetaByte(store, StoreMeta.KEY_CHECK);
        CorruptionException damaged = assertThrows(CorruptionException.class,
                () -> encryptedBackend(keys).open(encrypted(store)));
        assertTrue(damaged.getMessage().contains("'keyCheck' fails its checksum"), damaged.getMessage());
        assertEquals(1, damaged.getMessage().lines().count());

        Path other = directory.resolve("other");
        try (StorageEngine engine = encryptedBackend(keys).open(encrypted(other))) {
            put(engine, "k", "v");
        }
        flipMetaByte(other, StoreMeta.KEY_ID);
        CorruptionException keyId = assertThrows(CorruptionException.class,
                () -> encryptedBackend(keys).open(encrypted(other)));
        assertTrue(keyId.getMessage().contains("'keyId'"), keyId.getMessage());
    }

    @Test
    void aFormatOneStoreIsRefusedWithAClearMessage() throws IOException {
        Path oldEncrypted = directory.resolve("old-encrypted");
        Files.createDirectories(oldEncrypted);
        Files.writeString(oldEncrypted.resolve(StoreEncryption.FORMAT_1_SIDECAR), "alias=store-key\nkeyId=1\n");
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> encryptedBackend(keys).open(encrypted(oldEncrypted)));
        assertTrue(refused.getMessage().contains("format 1"), refused.getMessage());

        Path oldPlain = directory.resolve("old-plain");
        rawUpdate(oldPlain, (environment, txn) -> environment.openStore(XodusEngine.KEY_STORE,
                StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn).put(txn, key("k"), key("bare value")));
        StoreUnavailableException plain = assertThrows(StoreUnavailableException.class,
                () -> new XodusBackend().open(config(oldPlain)));
        assertTrue(plain.getMessage().contains("format 1") && plain.getMessage().contains("does not migrate"),
                plain.getMessage());
        rawUpdate(oldPlain, (environment, txn) -> assertFalse(environment.storeExists(StoreMeta.NAME, txn),
                "a refused store is left as it was"));
    }

    static void flipMetaByte(Path store, String entry) {
        rawUpdate(store, (environment, txn) -> {
            Store meta = environment.openStore(StoreMeta.NAME, StoreConfig.USE_EXISTING, txn);
            byte[] bytes = XodusBytes.copy(meta.get(txn, key(entry)));
            bytes[bytes.length - 1] ^= 0x10;
            meta.put(txn, key(entry), new ArrayByteIterable(bytes));
        });
    }

    private static ArrayByteIterable key(String text) {
        return new ArrayByteIterable(bytes(text));
    }

    private static boolean anyFileContains(Path directory, String text) throws IOException {
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }
}
