package dev.strata.backend.xodus.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * The store's own description, kept inside the store in a second Xodus store ({@value #NAME}) so that it travels
 * with the data and changes atomically with it: the format version, the store id (bound into every value's
 * envelope), the protection (plain or the AEAD algorithm), the key alias and id, a key check, and the sequence of
 * the last commit (format 2 only; format 3 keeps it under the empty key of the store of all keys, see
 * {@link CommitSequence}). Every entry carries a CRC32C over its name and bytes: damage here is a one-line
 * {@link CorruptionException}, never a parse error or a false "wrong key".
 */
final class StoreMeta {

    static final String NAME = "strata.meta";
    /**
     * Format 1: values stored bare, encryption by Xodus's stream cipher with a sidecar file. Format 2: the commit
     * sequence here, in {@value #SEQUENCE}. Format 3: the commit sequence in the store of all keys
     * ({@link CommitSequence}); a format 2 store is moved to format 3 when it opens (an engine of format 2 then
     * refuses it: "has Xodus engine format 3; this release reads format 2 only").
     */
    static final int FORMAT = 3;
    /** The format whose commit sequence is {@value #SEQUENCE} here; opened and moved to {@link #FORMAT}. */
    static final int FORMAT_2 = 2;
    static final String PLAIN = "none";

    static final String FORMAT_ENTRY = "format";
    static final String STORE_ID = "storeId";
    static final String PROTECTION = "protection";
    static final String KEY_ALIAS = "keyAlias";
    static final String KEY_ID = "keyId";
    static final String KEY_CHECK = "keyCheck";
    static final String SEQUENCE = "commitSequence";

    private final Store store;
    private final String storeName;
    private final String location;

    StoreMeta(Store store, String storeName, String location) {
        this.store = store;
        this.storeName = storeName;
        this.location = location;
    }

    boolean isEmpty(Transaction txn) {
        return store.count(txn) == 0;
    }

    void put(Transaction txn, String name, byte[] bytes) {
        byte[] stored = new byte[4 + bytes.length];
        ByteBuffer.wrap(stored).putInt(checksum(name, bytes, 0, bytes.length));
        System.arraycopy(bytes, 0, stored, 4, bytes.length);
        store.put(txn, key(name), new ArrayByteIterable(stored));
    }

    void putText(Transaction txn, String name, String text) {
        put(txn, name, text.getBytes(StandardCharsets.UTF_8));
    }

    void putLong(Transaction txn, String name, long number) {
        put(txn, name, ByteBuffer.allocate(8).putLong(number).array());
    }

    /** @throws CorruptionException when the entry is absent or fails its checksum */
    byte[] get(Transaction txn, String name) {
        byte[] stored = XodusBytes.copy(store.get(txn, key(name)));
        if (stored == null) {
            throw damaged("lacks its '" + name + "' entry");
        }
        if (stored.length < 4 || ByteBuffer.wrap(stored).getInt() != checksum(name, stored, 4, stored.length - 4)) {
            throw damaged("entry '" + name + "' fails its checksum");
        }
        return Arrays.copyOfRange(stored, 4, stored.length);
    }

    String getText(Transaction txn, String name) {
        return new String(get(txn, name), StandardCharsets.UTF_8);
    }

    long getLong(Transaction txn, String name) {
        byte[] bytes = get(txn, name);
        if (bytes.length != 8) {
            throw damaged("entry '" + name + "' is " + bytes.length + " bytes, not 8");
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    int getInt(Transaction txn, String name) {
        long number = getLong(txn, name);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw damaged("entry '" + name + "' holds " + number + ", out of range");
        }
        return (int) number;
    }

    /** A format 2 store's commit sequence. */
    long formatTwoSequence(Transaction txn) {
        return getLong(txn, SEQUENCE);
    }

    void delete(Transaction txn, String name) {
        store.delete(txn, key(name));
    }

    CorruptionException damaged(String what) {
        return new CorruptionException("store '" + storeName + "': the store's metadata (" + NAME + ") " + what,
                location, -1);
    }

    private static ByteIterable key(String name) {
        return new ArrayByteIterable(name.getBytes(StandardCharsets.US_ASCII));
    }

    private static int checksum(String name, byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(name.getBytes(StandardCharsets.US_ASCII));
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
