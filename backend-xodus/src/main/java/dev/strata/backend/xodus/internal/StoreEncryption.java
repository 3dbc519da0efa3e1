package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

/**
 * Encryption at rest with Xodus's own ChaCha20 stream cipher, keyed from a {@link DataKey}. The store directory
 * holds {@value #KEY_CHECK_FILE}: the key alias and id the store was created with, its cipher IV base (random per
 * store), and a check value derived from the key, never the key. Opening compares the check value before Xodus
 * reads a byte, so a wrong key is a {@link WrongKeyException} and not garbage or a "repaired" log. The data key
 * is not used directly: the cipher key and the check value are two HMAC-SHA256 derivations of it.
 *
 * @param cipherKeyHex the 256-bit Xodus cipher key, hex
 * @param basicIv      the store's IV base
 */
record StoreEncryption(String cipherKeyHex, long basicIv) {

    static final String KEY_CHECK_FILE = "strata-encryption.properties";
    static final String CIPHER_ID = "jetbrains.exodus.crypto.streamciphers.ChaChaStreamCipherProvider";

    private static final String CHECK_LABEL = "strata.xodus.key-check";
    private static final String CIPHER_LABEL = "strata.xodus.chacha20-key";

    /**
     * The cipher settings for a store, or {@code null} for a store without encryption.
     *
     * @throws WrongKeyException         when the key does not match the store, or the store's encryption state does
     *                                   not match the configuration
     * @throws StoreUnavailableException when the store needs a key and no {@link KeyProvider} is there
     */
    static StoreEncryption prepare(String storeName, Path directory, String alias, KeyProvider keys) {
        Path checkFile = directory.resolve(KEY_CHECK_FILE);
        boolean encrypted = Files.exists(checkFile);
        if (alias == null) {
            if (encrypted) {
                throw new WrongKeyException("store '" + storeName + "' is encrypted; set encryption.keyAlias to open it");
            }
            return null;
        }
        if (keys == null) {
            throw new StoreUnavailableException("store '" + storeName + "' is encrypted with key alias '" + alias
                    + "' but no key provider service is available (install the crypto bundle)");
        }
        return encrypted ? verify(storeName, checkFile, alias, keys) : create(storeName, directory, checkFile, alias, keys);
    }

    private static StoreEncryption verify(String storeName, Path checkFile, String alias, KeyProvider keys) {
        Properties stored = read(checkFile);
        String storedAlias = stored.getProperty("alias");
        if (!alias.equals(storedAlias)) {
            throw new WrongKeyException("store '" + storeName + "' was encrypted with key alias '" + storedAlias
                    + "', not '" + alias + "'");
        }
        DataKey key;
        try {
            key = keys.key(alias, Integer.parseInt(stored.getProperty("keyId")));
        } catch (NotFoundException e) {
            throw new WrongKeyException("store '" + storeName + "' needs key " + alias + "#" + stored.getProperty("keyId")
                    + ", which the key provider does not have", e);
        }
        byte[] expected = HexFormat.of().parseHex(stored.getProperty("check"));
        if (!MessageDigest.isEqual(expected, derive(key, CHECK_LABEL))) {
            throw new WrongKeyException("store '" + storeName + "': key " + key + " does not match the key the store was encrypted with");
        }
        return new StoreEncryption(HexFormat.of().formatHex(derive(key, CIPHER_LABEL)),
                Long.parseLong(stored.getProperty("basicIv")));
    }

    private static StoreEncryption create(String storeName, Path directory, Path checkFile, String alias, KeyProvider keys) {
        if (holdsData(directory)) {
            throw new WrongKeyException("store '" + storeName + "' holds data that is not encrypted; "
                    + "encryption cannot be switched on in place (restore a logical backup into a new encrypted store)");
        }
        DataKey key = keys.currentKey(alias);
        long basicIv = new SecureRandom().nextLong();
        Properties check = new Properties();
        check.setProperty("alias", alias);
        check.setProperty("keyId", Integer.toString(key.id()));
        check.setProperty("cipher", CIPHER_ID);
        check.setProperty("basicIv", Long.toString(basicIv));
        check.setProperty("check", HexFormat.of().formatHex(derive(key, CHECK_LABEL)));
        write(directory, checkFile, check);
        return new StoreEncryption(HexFormat.of().formatHex(derive(key, CIPHER_LABEL)), basicIv);
    }

    private static byte[] derive(DataKey key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret().getEncoded(), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot derive the store key from " + key, e);
        }
    }

    private static boolean holdsData(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".xd"));
        } catch (IOException e) {
            throw new StorageException("cannot list store directory " + directory, e);
        }
    }

    private static Properties read(Path checkFile) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(checkFile)) {
            properties.load(in);
        } catch (IOException e) {
            throw new StorageException("cannot read " + checkFile, e);
        }
        for (String name : new String[] {"alias", "keyId", "basicIv", "check"}) {
            if (properties.getProperty(name) == null) {
                throw new dev.strata.api.CorruptionException("key check file lacks '" + name + "'", checkFile.toString(), -1);
            }
        }
        return properties;
    }

    /** Written to a temporary file, forced, renamed into place, and the directory forced, so it is whole or absent. */
    private static void write(Path directory, Path checkFile, Properties check) {
        Path temporary = directory.resolve(KEY_CHECK_FILE + ".tmp");
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                check.store(out, "Strata: which key encrypts this Xodus store (no secret here)");
            }
            force(temporary);
            Files.move(temporary, checkFile, StandardCopyOption.ATOMIC_MOVE);
            force(directory);
        } catch (IOException e) {
            throw new StorageException("cannot write " + checkFile, e);
        }
    }

    static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
