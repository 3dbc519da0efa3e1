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
 * body:    varint count, { u8 op (0 put, 1 delete), bytes key, [bytes value] } per write
 * </pre>
 */
public final class WalCodec {

    private static final int FLAG_ENCRYPTED = 1;
    private static final byte[] ASSOCIATED_DATA = "strata-wal".getBytes(StandardCharsets.US_ASCII);

    private final KeyRing keys;

    /** @param keys the store's keys, {@code null} when it does not encrypt */
    public WalCodec(KeyRing keys) {
        this.keys = keys;
    }

    /** Encodes a write set: keys to values, a {@code null} value for a delete. */
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
        if (keys == null) {
            return sink.toByteArray();
        }
        DataKey key = keys.current();
        AeadCipher cipher = keys.cipher();
        byte[] nonce = cipher.newNonce();
        byte[] sealed = cipher.encrypt(key, nonce, ASSOCIATED_DATA, sink.array(), 1, sink.size() - 1);
        ByteSink out = new ByteSink(5 + nonce.length + sealed.length);
        out.writeByte(FLAG_ENCRYPTED).writeInt(key.id()).write(nonce).write(sealed);
        return out.toByteArray();
    }

    /**
     * Decodes a payload whose checksum already passed, {@code payload[0, length)}, handing each write to
     * {@code apply} (value {@code null} for a delete).
     *
     * @throws MalformedDataException when it does not parse or decrypt
     */
    public void decode(byte[] payload, int length, BiConsumer<byte[], byte[]> apply) {
        ByteSource source = new ByteSource(payload, 0, length);
        int flags = source.readByte();
        if (flags == FLAG_ENCRYPTED) {
            if (keys == null) {
                throw new MalformedDataException("encrypted log record in a store without a key");
            }
            DataKey key = keys.key(source.readInt());
            AeadCipher cipher = keys.cipher();
            byte[] nonce = source.readBytes(cipher.nonceLength());
            byte[] body;
            try {
                body = cipher.decrypt(key, nonce, ASSOCIATED_DATA, payload, source.position(), source.remaining());
            } catch (RuntimeException e) {
                throw new MalformedDataException("log record fails authentication");
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
