package dev.strata.backend.file.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.CorruptionException;
import dev.strata.api.NotFoundException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

/**
 * The data keys of one encrypted store: the current key (new blocks and log records), older keys by id (blocks
 * written before a re-key) and the key check values that prove each key right before any data is read.
 */
public final class KeyRing {

    private static final byte[] CHECK_PLAINTEXT = new byte[32];

    private final AeadCipher cipher;
    private final KeyProvider provider;
    private final String alias;
    private final Map<Integer, DataKey> keys = new ConcurrentHashMap<>();
    private final List<KeyCheck> checks;
    private volatile DataKey current;

    private KeyRing(AeadCipher cipher, KeyProvider provider, String alias, List<KeyCheck> checks) {
        this.cipher = cipher;
        this.provider = provider;
        this.alias = alias;
        this.checks = new ArrayList<>(checks);
    }

    /**
     * Checks every stored key check value against the keystore, then takes the alias's current key (adding a check
     * value for it when it is new).
     *
     * @throws WrongKeyException when a key is missing or does not match its check value
     */
    public static KeyRing open(AeadCipher cipher, KeyProvider provider, String alias, List<KeyCheck> stored) {
        KeyRing ring = new KeyRing(cipher, provider, alias, stored);
        for (KeyCheck check : stored) {
            ring.verify(check);
        }
        ring.use(provider.currentKey(alias));
        return ring;
    }

    public String alias() {
        return alias;
    }

    public AeadCipher cipher() {
        return cipher;
    }

    public DataKey current() {
        return current;
    }

    /** The check values of every key this store has used; the manifest keeps them. */
    public synchronized List<KeyCheck> checks() {
        return List.copyOf(checks);
    }

    /** Makes a new key current (re-key): new data is written with it, old data stays readable. */
    public synchronized void use(DataKey key) {
        if (checks.stream().noneMatch(check -> check.keyId() == key.id())) {
            byte[] nonce = cipher.newNonce();
            byte[] sealed = cipher.encrypt(key, nonce, checkData(key.id()), CHECK_PLAINTEXT, 0, CHECK_PLAINTEXT.length);
            checks.add(new KeyCheck(key.id(), nonce, sealed));
        } else {
            verify(checks.stream().filter(check -> check.keyId() == key.id()).findFirst().orElseThrow(), key);
        }
        keys.put(key.id(), key);
        current = key;
    }

    /** Creates a new key in the keystore and makes it current. */
    public DataKey rotate() {
        DataKey key = provider.rotate(alias);
        use(key);
        return key;
    }

    /** The key a block or record names. */
    public DataKey key(int id) {
        DataKey key = keys.get(id);
        if (key != null) {
            return key;
        }
        KeyCheck check;
        synchronized (this) {
            check = checks.stream().filter(c -> c.keyId() == id).findFirst().orElse(null);
        }
        if (check == null) {
            throw new CorruptionException("data names key id " + id + " of alias '" + alias
                    + "', which this store never used", null, -1);
        }
        verify(check);
        return keys.get(id);
    }

    private void verify(KeyCheck check) {
        DataKey key;
        try {
            key = provider.key(alias, check.keyId());
        } catch (NotFoundException e) {
            throw new WrongKeyException("the keystore has no key " + check.keyId() + " under alias '" + alias
                    + "', which this store was written with", e);
        }
        verify(check, key);
        keys.put(key.id(), key);
    }

    private void verify(KeyCheck check, DataKey key) {
        byte[] opened;
        try {
            opened = cipher.decrypt(key, check.nonce(), checkData(check.keyId()), check.sealed(), 0, check.sealed().length);
        } catch (RuntimeException e) {
            throw new WrongKeyException("wrong key for alias '" + alias + "' id " + check.keyId()
                    + ": it does not match the key check value stored with the data", e);
        }
        if (!Arrays.equals(opened, CHECK_PLAINTEXT)) {
            throw new WrongKeyException("wrong key for alias '" + alias + "' id " + check.keyId());
        }
    }

    private byte[] checkData(int id) {
        return ("strata-key-check:" + alias + ":" + id).getBytes(StandardCharsets.UTF_8);
    }
}
