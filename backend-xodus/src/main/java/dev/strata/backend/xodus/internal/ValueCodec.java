package dev.strata.backend.xodus.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.spi.ByteKeys;

/**
 * The integrity envelope every value is stored in, since Xodus keeps no checksums of its own. A plain store keeps
 * {@code [1][CRC32C][value]}, the checksum covering the store id, the key and the value, so that a flipped bit, or
 * a value moved to another key or another store, fails the check. An encrypted store keeps
 * {@code [2][nonce][AES-GCM ciphertext and tag]} with associated data binding the store id and the key, so a value
 * swapped between keys or stores is detected too. Checked on every read; a failed check is a
 * {@link CorruptionException} naming the store and the key.
 * <p>
 * Neither envelope can tell an old value of the same key, put back, from the current one: that rollback of a
 * single key is only caught when it takes the store's recorded commit sequence with it.
 */
abstract sealed class ValueCodec {

    static final byte CHECKSUMMED = 1;
    static final byte SEALED = 2;

    private final String storeName;
    private final String location;
    final byte[] storeId;

    private ValueCodec(String storeName, String location, byte[] storeId) {
        this.storeName = storeName;
        this.location = location;
        this.storeId = storeId.clone();
    }

    static ValueCodec checksummed(String storeName, String location, byte[] storeId) {
        return new Checksummed(storeName, location, storeId);
    }

    static ValueCodec sealed(String storeName, String location, byte[] storeId, AeadCipher cipher, DataKey key) {
        return new Sealed(storeName, location, storeId, cipher, key);
    }

    /** Bytes the envelope adds to a value. */
    abstract int overhead();

    /** The stored form of {@code value} under {@code key}. */
    abstract byte[] encode(byte[] key, byte[] value);

    /**
     * The value stored under {@code key}.
     *
     * @throws CorruptionException when the envelope fails its check
     */
    abstract byte[] decode(byte[] key, byte[] stored);

    CorruptionException damaged(byte[] key, String why) {
        return new CorruptionException("store '" + storeName + "': the value of key " + ByteKeys.toDisplay(key)
                + " is damaged (" + why + ")", location, -1);
    }

    /** CRC32C over the store id, the key's length, the key and the value. */
    private static final class Checksummed extends ValueCodec {

        Checksummed(String storeName, String location, byte[] storeId) {
            super(storeName, location, storeId);
        }

        @Override
        int overhead() {
            return 5;
        }

        @Override
        byte[] encode(byte[] key, byte[] value) {
            byte[] stored = new byte[5 + value.length];
            stored[0] = CHECKSUMMED;
            ByteBuffer.wrap(stored, 1, 4).putInt(checksum(key, value, 0, value.length));
            System.arraycopy(value, 0, stored, 5, value.length);
            return stored;
        }

        @Override
        byte[] decode(byte[] key, byte[] stored) {
            if (stored.length < 5 || stored[0] != CHECKSUMMED) {
                throw damaged(key, stored.length < 5 ? "shorter than its checksum" : "unknown envelope " + stored[0]);
            }
            int expected = ByteBuffer.wrap(stored, 1, 4).getInt();
            if (checksum(key, stored, 5, stored.length - 5) != expected) {
                throw damaged(key, "CRC32C mismatch");
            }
            return Arrays.copyOfRange(stored, 5, stored.length);
        }

        private int checksum(byte[] key, byte[] value, int offset, int length) {
            CRC32C crc = new CRC32C();
            crc.update(storeId);
            crc.update(ByteBuffer.allocate(4).putInt(0, key.length));
            crc.update(key);
            crc.update(value, offset, length);
            return (int) crc.getValue();
        }
    }

    /** AES-256-GCM per value; associated data: envelope kind, store id, key. */
    private static final class Sealed extends ValueCodec {

        private final AeadCipher cipher;
        private final DataKey key;
        private final int nonceLength;

        Sealed(String storeName, String location, byte[] storeId, AeadCipher cipher, DataKey key) {
            super(storeName, location, storeId);
            this.cipher = cipher;
            this.key = key;
            this.nonceLength = cipher.nonceLength();
        }

        @Override
        int overhead() {
            return 1 + nonceLength + cipher.tagLength();
        }

        @Override
        byte[] encode(byte[] dataKey, byte[] value) {
            byte[] nonce = cipher.newNonce();
            byte[] sealed = cipher.encrypt(key, nonce, associatedData(dataKey), value, 0, value.length);
            byte[] stored = new byte[1 + nonceLength + sealed.length];
            stored[0] = SEALED;
            System.arraycopy(nonce, 0, stored, 1, nonceLength);
            System.arraycopy(sealed, 0, stored, 1 + nonceLength, sealed.length);
            return stored;
        }

        @Override
        byte[] decode(byte[] dataKey, byte[] stored) {
            if (stored.length < overhead() || stored[0] != SEALED) {
                throw damaged(dataKey, stored.length < overhead() ? "shorter than its nonce and tag"
                        : "unknown envelope " + stored[0]);
            }
            byte[] nonce = Arrays.copyOfRange(stored, 1, 1 + nonceLength);
            try {
                return cipher.decrypt(key, nonce, associatedData(dataKey), stored, 1 + nonceLength,
                        stored.length - 1 - nonceLength);
            } catch (CorruptionException e) {
                throw damaged(dataKey, cipher.algorithm() + " authentication tag does not verify");
            }
        }

        private byte[] associatedData(byte[] dataKey) {
            return ByteBuffer.allocate(1 + storeId.length + dataKey.length).put(SEALED).put(storeId).put(dataKey)
                    .array();
        }
    }
}
