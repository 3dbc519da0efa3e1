package dev.strata.crypto.internal.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.CorruptionException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.DataKey;
import dev.strata.crypto.internal.AtomicFiles;

/**
 * Data keys in a Bouncy Castle FIPS-format keystore (BCFKS) file: one secret-key entry per key version, named
 * {@code <alias>#<id>}, each protected by the keystore passphrase; the file as a whole carries a MAC keyed by the
 * passphrase, so a wrong passphrase is refused when the file is opened, before any key is read.
 * <p>
 * Entries are decrypted on first use and kept in memory (each costs a PBKDF2 run). Every change rewrites the file
 * atomically. One runtime owns the file; other processes must not change it while it is open.
 */
final class BcfksKeyStore {

    static final String TYPE = "BCFKS";
    private static final String KEY_ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;

    private final Path file;
    private final char[] passphrase;
    private final KeyStore keyStore;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, NavigableSet<Integer>> idsByAlias = new HashMap<>();
    private final Map<KeyEntryName, DataKey> unlocked = new HashMap<>();

    private BcfksKeyStore(Path file, char[] passphrase, KeyStore keyStore) {
        this.file = file;
        this.passphrase = passphrase.clone();
        this.keyStore = keyStore;
    }

    /**
     * Opens the keystore file, or starts an empty one (written with the first key) when the file does not exist.
     *
     * @throws WrongKeyException   when the passphrase does not unlock the file
     * @throws CorruptionException when the file is not a readable BCFKS keystore
     */
    static BcfksKeyStore openOrCreate(Path file, char[] passphrase, Provider bouncyCastle) {
        if (passphrase == null || passphrase.length == 0) {
            throw new WrongKeyException("no passphrase for keystore " + file);
        }
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(TYPE, bouncyCastle);
        } catch (GeneralSecurityException e) {
            throw new StorageException("Bouncy Castle offers no " + TYPE + " keystore", e);
        }
        byte[] content = read(file);
        try {
            keyStore.load(content == null ? null : new ByteArrayInputStream(content), passphrase);
        } catch (IOException e) {
            // BCFKS checks its MAC first; a failing MAC means a wrong passphrase (or an altered file)
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("MAC")) {
                throw new WrongKeyException("the passphrase does not unlock keystore " + file
                        + " (or the file was altered)", e);
            }
            throw new CorruptionException("not a readable " + TYPE + " keystore: " + e.getMessage(), file.toString(),
                    -1, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CorruptionException("not a readable " + TYPE + " keystore: " + e, file.toString(), -1, e);
        }
        BcfksKeyStore store = new BcfksKeyStore(file, passphrase, keyStore);
        store.indexEntries();
        return store;
    }

    synchronized DataKey currentKey(String alias) {
        NavigableSet<Integer> ids = idsByAlias.get(KeyEntryName.checkAlias(alias));
        if (ids == null || ids.isEmpty()) {
            return rotate(alias);
        }
        return key(alias, ids.last());
    }

    synchronized DataKey key(String alias, int id) {
        NavigableSet<Integer> ids = idsByAlias.get(KeyEntryName.checkAlias(alias));
        if (ids == null || !ids.contains(id)) {
            throw new NotFoundException("no key " + alias + "#" + id + " in keystore " + file);
        }
        KeyEntryName name = new KeyEntryName(alias, id);
        DataKey key = unlocked.get(name);
        if (key == null) {
            key = unlock(name);
            unlocked.put(name, key);
        }
        return key;
    }

    synchronized DataKey rotate(String alias) {
        NavigableSet<Integer> ids = idsByAlias.computeIfAbsent(KeyEntryName.checkAlias(alias), a -> new TreeSet<>());
        KeyEntryName name = new KeyEntryName(alias, ids.isEmpty() ? KeyEntryName.FIRST_ID : ids.last() + 1);
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        SecretKeySpec secret = new SecretKeySpec(material, KEY_ALGORITHM);
        Arrays.fill(material, (byte) 0);
        try {
            keyStore.setKeyEntry(name.toString(), secret, passphrase, null);
            save();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            forget(name);
            throw new StorageException("cannot add key " + name + " to keystore " + file, e);
        }
        ids.add(name.id());
        DataKey key = new DataKey(alias, name.id(), secret);
        unlocked.put(name, key);
        return key;
    }

    synchronized List<Integer> keyIds(String alias) {
        NavigableSet<Integer> ids = idsByAlias.get(KeyEntryName.checkAlias(alias));
        return ids == null ? Collections.emptyList() : List.copyOf(ids);
    }

    private void indexEntries() {
        try {
            for (String entry : Collections.list(keyStore.aliases())) {
                KeyEntryName.parse(entry).ifPresent(
                        name -> idsByAlias.computeIfAbsent(name.alias(), a -> new TreeSet<>()).add(name.id()));
            }
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot list keystore " + file, e);
        }
    }

    private DataKey unlock(KeyEntryName name) {
        Key key;
        try {
            key = keyStore.getKey(name.toString(), passphrase);
        } catch (UnrecoverableKeyException e) {
            throw new WrongKeyException("key " + name + " in " + file + " is protected by another passphrase", e);
        } catch (GeneralSecurityException e) {
            throw new CorruptionException("cannot read key " + name + ": " + e.getMessage(), file.toString(), -1, e);
        }
        byte[] material = key == null ? null : key.getEncoded();
        if (material == null || material.length != KEY_BYTES) {
            throw new CorruptionException("entry " + name + " is not a 256-bit secret key", file.toString(), -1);
        }
        try {
            // a JDK key class, so that nothing holds Bouncy Castle's classes once the key leaves this bundle
            return new DataKey(name.alias(), name.id(), new SecretKeySpec(material, KEY_ALGORITHM));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private void forget(KeyEntryName name) {
        try {
            keyStore.deleteEntry(name.toString());
        } catch (GeneralSecurityException | RuntimeException ignored) {
            // the entry was never added; nothing to undo
        }
    }

    private void save() throws IOException, GeneralSecurityException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        keyStore.store(content, passphrase);
        AtomicFiles.replace(file, content.toByteArray());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException e) {
            throw new StorageException("cannot read keystore " + file, e);
        }
    }
}
