package dev.strata.backend.file.internal.codec;

import dev.strata.api.CorruptionException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.DataKey;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.Checksums;

/**
 * Seals blocks for disk and opens them again: compress (when it pays), then encrypt (when the store has a key),
 * then checksum. The frame:
 *
 * <pre>
 * offset  size
 *  0      4   body length
 *  4      4   raw length (before compression)
 *  8      1   codec id (0 = stored raw)
 *  9      1   flags (bit 0: encrypted)
 * 10      4   key id (0 when not encrypted)
 * 14      4   CRC32C of bytes 0..13 and the body
 * 18      n   body: compressed bytes, or nonce + ciphertext + tag of the compressed bytes
 * </pre>
 *
 * The CRC catches damage cheaply and tells it apart from a wrong key; the AEAD tag (associated data: the store id,
 * the file id, the frame's offset and header) also catches a block moved to another place or another store. An
 * encrypted store refuses plaintext blocks in segments written after encryption began.
 */
public final class BlockCodec {

    public static final int HEADER_BYTES = 18;
    private static final int FLAG_ENCRYPTED = 1;

    private final Codecs codecs;
    private final Compressor writeCodec;
    private final KeyRing keys;
    private final long storeId;
    private final long encryptedSince;

    /**
     * @param writeCodec     the codec for new blocks, {@code null} to store them raw
     * @param keys           the store's keys, {@code null} for an unencrypted store
     * @param storeId        bound into every encrypted block's associated data (0: a store from before, bound to
     *                       file and offset only)
     * @param encryptedSince segments from this file number on must be encrypted: a plaintext block there is
     *                       tampering (0: not recorded)
     */
    public BlockCodec(Codecs codecs, Compressor writeCodec, KeyRing keys, long storeId, long encryptedSince) {
        this.codecs = codecs;
        this.writeCodec = writeCodec;
        this.keys = keys;
        this.storeId = storeId;
        this.encryptedSince = encryptedSince;
    }

    public BlockCodec(Codecs codecs, Compressor writeCodec, KeyRing keys) {
        this(codecs, writeCodec, keys, 0, 0);
    }

    public boolean encrypts() {
        return keys != null;
    }

    /** The frame for raw bytes that will be written at {@code offset} of file {@code fileId}. */
    public byte[] seal(byte[] raw, long fileId, long offset) {
        int length = raw.length;
        byte[] body = raw;
        int bodyOffset = 0;
        int bodyLength = length;
        int codecId = Codecs.RAW_ID;
        if (writeCodec != null && length > 64) {
            byte[] compressed = writeCodec.compress(raw, 0, length);
            if (compressed.length < length - length / 16) {
                body = compressed;
                bodyLength = compressed.length;
                codecId = writeCodec.id() & 0xFF;
            }
        }
        byte[] header = new byte[HEADER_BYTES];
        ByteSink.putInt(header, 4, length);
        header[8] = (byte) codecId;
        if (keys != null) {
            DataKey key = keys.current();
            AeadCipher cipher = keys.cipher();
            header[9] = FLAG_ENCRYPTED;
            ByteSink.putInt(header, 10, key.id());
            byte[] nonce = cipher.newNonce();
            ByteSink.putInt(header, 0, nonce.length + bodyLength + cipher.tagLength());
            byte[] sealed = cipher.encrypt(key, nonce, associatedData(storeId, fileId, offset, header), body, bodyOffset, bodyLength);
            return frame(header, nonce, sealed);
        }
        ByteSink.putInt(header, 0, bodyLength);
        byte[] frame = new byte[HEADER_BYTES + bodyLength];
        System.arraycopy(body, bodyOffset, frame, HEADER_BYTES, bodyLength);
        System.arraycopy(header, 0, frame, 0, HEADER_BYTES - 4);
        ByteSink.putInt(frame, 14, Checksums.crc32c(frame, 0, 14, frame, HEADER_BYTES, bodyLength));
        return frame;
    }

    private static byte[] frame(byte[] header, byte[] nonce, byte[] sealed) {
        byte[] frame = new byte[HEADER_BYTES + nonce.length + sealed.length];
        System.arraycopy(header, 0, frame, 0, HEADER_BYTES - 4);
        System.arraycopy(nonce, 0, frame, HEADER_BYTES, nonce.length);
        System.arraycopy(sealed, 0, frame, HEADER_BYTES + nonce.length, sealed.length);
        ByteSink.putInt(frame, 14, Checksums.crc32c(frame, 0, 14, frame, HEADER_BYTES, frame.length - HEADER_BYTES));
        return frame;
    }

    /** The total frame length a header announces, or -1 when the header is implausible. */
    public static int frameLength(byte[] header, int offset) {
        int body = ByteSink.readInt(header, offset);
        return body < 0 || body > Integer.MAX_VALUE - HEADER_BYTES ? -1 : HEADER_BYTES + body;
    }

    /** The key id a frame was sealed with, or -1 when it is not encrypted. */
    public static int keyIdOf(byte[] frame) {
        return (frame[9] & FLAG_ENCRYPTED) != 0 ? ByteSink.readInt(frame, 10) : -1;
    }

    /**
     * Checks and opens a frame read from {@code file} at {@code offset}.
     *
     * @throws CorruptionException when the checksum, the tag, the codec data or the lengths do not agree
     */
    public byte[] open(byte[] frame, long fileId, long offset, String file) {
        if (frame.length < HEADER_BYTES || frameLength(frame, 0) != frame.length) {
            throw new CorruptionException("block frame has a wrong length", file, offset);
        }
        int bodyLength = frame.length - HEADER_BYTES;
        if (Checksums.crc32c(frame, 0, 14, frame, HEADER_BYTES, bodyLength) != ByteSink.readInt(frame, 14)) {
            throw new CorruptionException("block checksum mismatch", file, offset);
        }
        int rawLength = ByteSink.readInt(frame, 4);
        int codecId = frame[8] & 0xFF;
        byte[] body = frame;
        int bodyOffset = HEADER_BYTES;
        if ((frame[9] & FLAG_ENCRYPTED) == 0 && keys != null && encryptedSince > 0 && fileId >= encryptedSince) {
            throw new CorruptionException("plaintext block in an encrypted store (segment " + fileId
                    + " was written encrypted)", file, offset);
        }
        if ((frame[9] & FLAG_ENCRYPTED) != 0) {
            if (keys == null) {
                throw new CorruptionException("block is encrypted but the store has no key", file, offset);
            }
            DataKey key = keys.key(ByteSink.readInt(frame, 10));
            AeadCipher cipher = keys.cipher();
            int nonceLength = cipher.nonceLength();
            if (bodyLength < nonceLength + cipher.tagLength()) {
                throw new CorruptionException("encrypted block too short", file, offset);
            }
            byte[] nonce = java.util.Arrays.copyOfRange(frame, HEADER_BYTES, HEADER_BYTES + nonceLength);
            try {
                body = cipher.decrypt(key, nonce, associatedData(storeId, fileId, offset, frame), frame,
                        HEADER_BYTES + nonceLength, bodyLength - nonceLength);
            } catch (RuntimeException e) {
                throw new CorruptionException("block fails authentication", file, offset, e);
            }
            bodyOffset = 0;
            bodyLength = body.length;
        }
        return decompress(codecId, body, bodyOffset, bodyLength, rawLength, file, offset);
    }

    private byte[] decompress(int codecId, byte[] body, int bodyOffset, int bodyLength, int rawLength, String file,
            long offset) {
        if (codecId == Codecs.RAW_ID) {
            if (bodyLength != rawLength) {
                throw new CorruptionException("raw block length mismatch", file, offset);
            }
            return bodyOffset == 0 && body.length == bodyLength ? body
                    : java.util.Arrays.copyOfRange(body, bodyOffset, bodyOffset + bodyLength);
        }
        Compressor compressor = codecs.forReading(codecId);
        byte[] raw;
        try {
            raw = compressor.decompress(body, bodyOffset, bodyLength, rawLength);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptionException("block does not decompress", file, offset, e);
        }
        if (raw.length != rawLength) {
            throw new CorruptionException("block decompresses to a wrong length", file, offset);
        }
        return raw;
    }

    /** Store id (when recorded), file id, offset and header: a block copied to another store or place fails. */
    private static byte[] associatedData(long storeId, long fileId, long offset, byte[] header) {
        int at = storeId == 0 ? 0 : 8;
        byte[] data = new byte[at + 16 + 14];
        if (storeId != 0) {
            ByteSink.putLong(data, 0, storeId);
        }
        ByteSink.putLong(data, at, fileId);
        ByteSink.putLong(data, at + 8, offset);
        System.arraycopy(header, 0, data, at + 16, 14);
        return data;
    }
}
