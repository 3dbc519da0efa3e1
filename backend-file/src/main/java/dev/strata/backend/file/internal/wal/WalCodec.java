package dev.strata.backend.file.internal.wal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.DataKey;
import dev.strata.backend.file.internal.codec.KeyRing;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.MalformedDataException;

/**
 * The payload of a log record: one transaction's writes, encrypted with the store's current key when it has one.
 *
 * <pre>
 * payload: u8 flags (bit 0: encrypted), then the body, or u32 key id + nonce + ciphertext and tag of the body
 *          (associated data "strata-wal", store id, log file number, record offset, sequence number)
 * body:    varint count, { u8 op (0 put, 1 delete), bytes key, [bytes value] } per write
 * </pre>
 */
public final class WalCodec {

    private static final int FLAG_ENCRYPTED = 1;
    private static final byte[] ASSOCIATED_DATA = "strata-wal".getBytes(StandardCharsets.US_ASCII);

    private final KeyRing keys;
    private final long storeId;
    private final long encryptedSince;

    /**
     * @param keys           the store's keys, {@code null} when it does not encrypt
     * @param storeId        bound into every encrypted record (0: a store from before, whose records are bound to
     *                       a constant only)
     * @param encryptedSince log files from this number on must hold only encrypted records (0: not recorded)
     */
    public WalCodec(KeyRing keys, long storeId, long encryptedSince) {
        this.keys = keys;
        this.storeId = storeId;
        this.encryptedSince = encryptedSince;
    }

    public WalCodec(KeyRing keys) {
        this(keys, 0, 0);
    }

    public boolean encrypts() {
        return keys != null;
    }

    /**
     * Encodes a write set (keys to values, a {@code null} value for a delete) as a plaintext payload; an encrypting
     * store then {@link #seal}s it once the record's place is known.
     */
    public byte[] encode(Map<byte[], byte[]> writes) {
        long estimate = 16;
        for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
            estimate += 12 + write.getKey().length + (write.getValue() == null ? 0 : write.getValue().length);
        }
        if (estimate > Integer.MAX_VALUE - 1024) {
            throw new dev.strata.api.QuotaExceededException("a transaction's writes must stay under 2 GB, these are "
                    + estimate + " bytes");
        }
        ByteSink sink = new ByteSink((int) estimate);
        sink.writeByte(0).writeVarInt(writes.size());
        for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
            if (write.getValue() == null) {
                sink.writeByte(1).writeBytes(write.getKey());
            } else {
                sink.writeByte(0).writeBytes(write.getKey()).writeBytes(write.getValue());
            }
        }
        return sink.toByteArray();
    }

    /**
     * Encrypts a plaintext payload for its place in the log: the associated data binds it to the store, the log
     * file, its offset there and its sequence number, so a record moved, replayed or reordered fails its tag. Runs
     * under the commit lock, where the place is known. Without keys it returns the payload as it is.
     */
    public byte[] seal(byte[] plain, long fileNumber, long position, long seq) {
        if (keys == null) {
            return plain;
        }
        DataKey key = keys.current();
        AeadCipher cipher = keys.cipher();
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, associatedData(fileNumber, position, seq), plain, 1, plain.length - 1);
        ByteSink out = new ByteSink(5 + nonce.length + sealed.length);
        out.writeByte(FLAG_ENCRYPTED).writeInt(key.id()).write(nonce).write(sealed);
        return out.toByteArray();
    }

    private byte[] associatedData(long fileNumber, long position, long seq) {
        if (storeId == 0) {
            return ASSOCIATED_DATA; // a store from before identities were recorded
        }
        ByteSink data = new ByteSink(ASSOCIATED_DATA.length + 32);
        data.write(ASSOCIATED_DATA).writeLong(storeId).writeLong(fileNumber).writeLong(position).writeLong(seq);
        return data.toByteArray();
    }

    /**
     * Decodes a payload whose checksum already passed, {@code payload[0, length)}, handing each write to
     * {@code apply} (value {@code null} for a delete).
     *
     * @throws MalformedDataException when it does not parse or decrypt
     */
    public void decode(byte[] payload, int length, long fileNumber, long position, long seq,
            BiConsumer<byte[], byte[]> apply) {
        ByteSource source = new ByteSource(payload, 0, length);
        int flags = source.readByte();
        if (flags == 0 && keys != null && encryptedSince > 0 && fileNumber >= encryptedSince) {
            throw new MalformedDataException("plaintext log record in an encrypted store");
        }
        if (flags == FLAG_ENCRYPTED) {
            if (keys == null) {
                throw new MalformedDataException("encrypted log record in a store without a key");
            }
            DataKey key = keys.key(source.readInt());
            AeadCipher cipher = keys.cipher();
            byte[] nonce = source.readBytes(cipher.nonceLength());
            byte[] body;
            try {
                body = cipher.decrypt(key, nonce, associatedData(fileNumber, position, seq), payload, source.position(), source.remaining());
            } catch (RuntimeException e) {
                throw new MalformedDataException("log record fails authentication (moved, replayed, reordered or"
                        + " altered)");
            }
            source = new ByteSource(body);
        } else if (flags != 0) {
            throw new MalformedDataException("log record flags " + flags);
        }
        int count = source.readVarInt();
        for (int i = 0; i < count; i++) {
            int op = source.readByte();
            byte[] key = source.readBytes();
            if (op == 0) {
                apply.accept(key, source.readBytes());
            } else if (op == 1) {
                apply.accept(key, null);
            } else {
                throw new MalformedDataException("log record op " + op);
            }
        }
        if (source.remaining() != 0) {
            throw new MalformedDataException("log record has trailing bytes");
        }
    }
}
