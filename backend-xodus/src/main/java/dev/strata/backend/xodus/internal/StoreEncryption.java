package dev.strata.backend.xodus.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import dev.strata.api.CorruptionException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

import jetbrains.exodus.env.Transaction;

/**
 * Creates or checks the store's header in its {@link StoreMeta} and picks the value envelope: a CRC32C for a plain
 * store, AES-256-GCM per value (the crypto bundle's {@link AeadCipher}, chosen by its algorithm property, never by
 * service order) for a store with {@code encryption.keyAlias}. The header records the algorithm, the key alias and
 * id, and a key check: a fixed plaintext sealed with the key, so that a wrong key is told apart from damaged data
 * (the check's entry passes its own CRC first). Keys are not encrypted: they stay plain in Xodus's Patricia tree,
 * which needs them in order.
 *
 * @param codec    the envelope for values
 * @param sequence the sequence of the store's last commit
 */
record StoreEncryption(ValueCodec codec, long sequence) {

    /** The algorithm the engine seals values with; the backend binds the cipher service that declares it. */
    static final String ALGORITHM = "AES-256-GCM";
    /** Format 1 kept its encryption settings beside the log in this file. */
    static final String FORMAT_1_SIDECAR = "strata-encryption.properties";

    private static final byte[] CHECK_PLAINTEXT = "strata.xodus.key-check".getBytes(StandardCharsets.US_ASCII);
    private static final int STORE_ID_BYTES = 16;

    /** Writes the header of a new store, in {@code txn}. */
    static StoreEncryption create(Transaction txn, StoreMeta meta, CommitSequence commits, String storeName,
            String location, String alias, KeyProvider keys, AeadCipher cipher) {
        byte[] storeId = new byte[STORE_ID_BYTES];
        new SecureRandom().nextBytes(storeId);
        meta.putLong(txn, StoreMeta.FORMAT_ENTRY, StoreMeta.FORMAT);
        meta.put(txn, StoreMeta.STORE_ID, storeId);
        commits.put(txn, 0);
        if (alias == null) {
            meta.putText(txn, StoreMeta.PROTECTION, StoreMeta.PLAIN);
            return new StoreEncryption(ValueCodec.checksummed(storeName, location, storeId), 0);
        }
        checkServices(storeName, alias, keys, cipher);
        DataKey key = keys.currentKey(alias);
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, checkData(storeId), CHECK_PLAINTEXT, 0, CHECK_PLAINTEXT.length);
        byte[] check = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, check, 0, nonce.length);
        System.arraycopy(sealed, 0, check, nonce.length, sealed.length);
        meta.putText(txn, StoreMeta.PROTECTION, cipher.algorithm());
        meta.putText(txn, StoreMeta.KEY_ALIAS, alias);
        meta.putLong(txn, StoreMeta.KEY_ID, key.id());
        meta.put(txn, StoreMeta.KEY_CHECK, check);
        return new StoreEncryption(ValueCodec.sealed(storeName, location, storeId, cipher, key), 0);
    }

    /**
     * Reads and checks the header of an existing store against the configuration. A format 2 store is moved to
     * format 3 in {@code txn}: its sequence is written where format 3 keeps it and its old entry deleted.
     */
    static StoreEncryption open(Transaction txn, StoreMeta meta, CommitSequence commits, String storeName,
            String location, String alias, KeyProvider keys, AeadCipher cipher) {
        int format = meta.getInt(txn, StoreMeta.FORMAT_ENTRY);
        if (format == StoreMeta.FORMAT_2) {
            commits.put(txn, meta.formatTwoSequence(txn));
            meta.delete(txn, StoreMeta.SEQUENCE);
            meta.putLong(txn, StoreMeta.FORMAT_ENTRY, StoreMeta.FORMAT);
        } else if (format != StoreMeta.FORMAT) {
            throw new StoreUnavailableException("store '" + storeName + "' has Xodus engine format " + format
                    + "; this release reads formats " + StoreMeta.FORMAT_2 + " and " + StoreMeta.FORMAT + " only");
        }
        byte[] storeId = meta.get(txn, StoreMeta.STORE_ID);
        if (storeId.length != STORE_ID_BYTES) {
            throw meta.damaged("entry '" + StoreMeta.STORE_ID + "' is " + storeId.length + " bytes");
        }
        long sequence = commits.read(txn);
        String protection = meta.getText(txn, StoreMeta.PROTECTION);
        if (StoreMeta.PLAIN.equals(protection)) {
            if (alias != null) {
                throw new WrongKeyException("store '" + storeName + "' is not encrypted; encryption cannot be "
                        + "switched on in place (restore a logical backup into a new encrypted store)");
            }
            return new StoreEncryption(ValueCodec.checksummed(storeName, location, storeId), sequence);
        }
        if (alias == null) {
            throw new WrongKeyException("store '" + storeName + "' is encrypted (" + protection
                    + "); set encryption.keyAlias to open it");
        }
        if (!ALGORITHM.equals(protection)) {
            throw new StoreUnavailableException("store '" + storeName + "' is sealed with " + protection
                    + "; this release seals Xodus stores with " + ALGORITHM + " only");
        }
        String storedAlias = meta.getText(txn, StoreMeta.KEY_ALIAS);
        if (!alias.equals(storedAlias)) {
            throw new WrongKeyException("store '" + storeName + "' was encrypted with key alias '" + storedAlias
                    + "', not '" + alias + "'");
        }
        int keyId = meta.getInt(txn, StoreMeta.KEY_ID);
        byte[] check = meta.get(txn, StoreMeta.KEY_CHECK);
        checkServices(storeName, alias, keys, cipher);
        DataKey key;
        try {
            key = keys.key(alias, keyId);
        } catch (NotFoundException e) {
            throw new WrongKeyException("store '" + storeName + "' needs key " + alias + "#" + keyId
                    + ", which the key provider does not have", e);
        }
        int nonceLength = cipher.nonceLength();
        if (check.length < nonceLength + cipher.tagLength()) {
            throw meta.damaged("entry '" + StoreMeta.KEY_CHECK + "' is too short");
        }
        try {
            byte[] opened = cipher.decrypt(key, Arrays.copyOf(check, nonceLength), checkData(storeId), check,
                    nonceLength, check.length - nonceLength);
            if (!Arrays.equals(opened, CHECK_PLAINTEXT)) {
                throw new WrongKeyException("store '" + storeName + "': key " + key + " opens a foreign key check");
            }
        } catch (CorruptionException e) {
            // the entry passed its CRC32C, so the bytes are as written: the key is not the one they were sealed with
            throw new WrongKeyException("store '" + storeName + "': key " + key
                    + " does not match the key the store was encrypted with", e);
        }
        return new StoreEncryption(ValueCodec.sealed(storeName, location, storeId, cipher, key), sequence);
    }

    private static void checkServices(String storeName, String alias, KeyProvider keys, AeadCipher cipher) {
        if (keys == null) {
            throw new StoreUnavailableException("store '" + storeName + "' is encrypted with key alias '" + alias
                    + "' but no key provider service is available (install the crypto bundle)");
        }
        if (cipher == null) {
            throw new StoreUnavailableException("store '" + storeName + "' is encrypted but no " + ALGORITHM
                    + " cipher service is available (install the crypto bundle)");
        }
    }

    private static byte[] checkData(byte[] storeId) {
        byte[] data = Arrays.copyOf(CHECK_PLAINTEXT, CHECK_PLAINTEXT.length + storeId.length);
        System.arraycopy(storeId, 0, data, CHECK_PLAINTEXT.length, storeId.length);
        return data;
    }
}
