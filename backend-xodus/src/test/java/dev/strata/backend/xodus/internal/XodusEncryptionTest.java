package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.config;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static dev.strata.backend.xodus.internal.XodusTestStores.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest with Xodus's ChaCha20 cipher, keyed from the key provider; a wrong key is refused up front. */
class XodusEncryptionTest {

    private static final String SECRET = "the secret value 0123456789";

    @TempDir
    Path directory;

    private final TestKeyProvider keys = new TestKeyProvider();

    private XodusBackend backendWith(TestKeyProvider provider) {
        XodusBackend backend = new XodusBackend();
        if (provider != null) {
            backend.bindKeyProvider(provider);
        }
        return backend;
    }

    private EngineConfig encrypted(Path store) {
        return config(store, XodusStoreSettings.KEY_ALIAS, "store-key");
    }

    @Test
    void encryptedDataRoundTripsAndIsNotOnDiskInClear() throws IOException {
        Path store = directory.resolve("s");
        try (StorageEngine engine = backendWith(keys).open(encrypted(store))) {
            put(engine, "k", SECRET);
        }
        try (StorageEngine engine = backendWith(keys).open(encrypted(store))) {
            assertEquals(SECRET, get(engine, "k"));
        }
        assertFalse(anyFileContains(store, SECRET), "no plaintext in the store's files");
        String check = Files.readString(store.resolve(StoreEncryption.KEY_CHECK_FILE));
        assertTrue(check.contains("alias=store-key") && check.contains("keyId=1"), check);
    }

    @Test
    void aWrongKeyIsRefusedBeforeAnyDataAndTheStoreStaysIntact() {
        Path store = directory.resolve("s");
        try (StorageEngine engine = backendWith(keys).open(encrypted(store))) {
            put(engine, "k", SECRET);
        }
        TestKeyProvider otherKeys = new TestKeyProvider();
        assertThrows(WrongKeyException.class, () -> backendWith(otherKeys).open(encrypted(store)));
        try (StorageEngine engine = backendWith(keys).open(encrypted(store))) {
            assertEquals(SECRET, get(engine, "k"), "the right key still opens the untouched store");
        }
    }

    @Test
    void aKeyRotatedAfterCreationStillOpensTheStoreWithTheKeyItWasCreatedWith() {
        Path store = directory.resolve("s");
        try (StorageEngine engine = backendWith(keys).open(encrypted(store))) {
            put(engine, "k", SECRET);
        }
        keys.rotate("store-key");
        try (StorageEngine engine = backendWith(keys).open(encrypted(store))) {
            assertEquals(SECRET, get(engine, "k"));
        }
    }

    @Test
    void encryptionStateMustMatchTheConfiguration() {
        Path encryptedStore = directory.resolve("encrypted");
        try (StorageEngine engine = backendWith(keys).open(encrypted(encryptedStore))) {
            put(engine, "k", SECRET);
        }
        assertThrows(WrongKeyException.class, () -> backendWith(keys).open(config(encryptedStore)),
                "an encrypted store opened without a key alias");
        Path plainStore = directory.resolve("plain");
        try (StorageEngine engine = backendWith(keys).open(config(plainStore))) {
            put(engine, "k", "v");
        }
        assertThrows(WrongKeyException.class, () -> backendWith(keys).open(encrypted(plainStore)),
                "a plain store cannot be opened as encrypted");
        assertThrows(StoreUnavailableException.class, () -> backendWith(null).open(encrypted(encryptedStore)),
                "no key provider service");
    }

    @Test
    void xodusItselfRefusesOtherCipherParametersAsAWrongKey() throws IOException {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        try (StorageEngine engine = backendWith(keys).open(encrypted(first))) {
            put(engine, "k", SECRET);
        }
        TestKeyProvider otherKeys = new TestKeyProvider();
        try (StorageEngine engine = backendWith(otherKeys).open(encrypted(second))) {
            put(engine, "k", "other");
        }
        // a key check file that matches the other key, beside data encrypted with the first
        Files.copy(second.resolve(StoreEncryption.KEY_CHECK_FILE), first.resolve(StoreEncryption.KEY_CHECK_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        assertThrows(WrongKeyException.class, () -> backendWith(otherKeys).open(encrypted(first)));
    }

    private static boolean anyFileContains(Path directory, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (content.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
