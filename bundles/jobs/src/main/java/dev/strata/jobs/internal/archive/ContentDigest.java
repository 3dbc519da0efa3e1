package dev.strata.jobs.internal.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a store's content in key order: for each entry its key length, key bytes, value length and value
 * bytes (lengths as 4-byte big-endian). Two stores have the same digest exactly when they hold the same entries,
 * whatever engine they run on.
 * <p>
 * The bytes are gathered into a buffer of {@value #BUFFER} bytes and handed to SHA-256 a buffer at a time: four
 * {@code MessageDigest.update} calls per entry (two of them of 4 bytes) cost more than hashing its bytes, while one
 * call over many 64-byte blocks runs the JDK's multi-block intrinsic. The bytes hashed, and so the digest, are the
 * same.
 */
public final class ContentDigest {

    public static final String PREFIX = "sha256:";
    static final int BUFFER = 8192;

    private final MessageDigest sha;
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;

    public ContentDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public void update(byte[] key, byte[] value) {
        putLength(key.length);
        put(key, 0, key.length);
        putLength(value.length);
        put(value, 0, value.length);
    }

    /**
     * The same for an entry encoded as {@code keyLength(u16) key valueLength(u32) value} from {@code offset} on (an
     * archive chunk's layout): the digest's 4-byte key length is the u16 with two zero bytes before it, and the rest
     * of the digest's input is those bytes of the chunk as they stand, hashed in one piece.
     */
    void updateEncoded(byte[] chunk, int offset, int keyLength, int valueLength) {
        if (buffered > BUFFER - 2) {
            flush();
        }
        buffer[buffered] = 0;
        buffer[buffered + 1] = 0;
        buffered += 2;
        put(chunk, offset, 2 + keyLength + 4 + valueLength);
    }

    private void putLength(int n) {
        if (buffered > BUFFER - 4) {
            flush();
        }
        buffer[buffered] = (byte) (n >>> 24);
        buffer[buffered + 1] = (byte) (n >>> 16);
        buffer[buffered + 2] = (byte) (n >>> 8);
        buffer[buffered + 3] = (byte) n;
        buffered += 4;
    }

    private void put(byte[] bytes, int offset, int length) {
        if (length > BUFFER - buffered) {
            flush();
            if (length >= BUFFER) {
                sha.update(bytes, offset, length); // a large value goes straight in, after what came before it
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    private void flush() {
        if (buffered > 0) {
            sha.update(buffer, 0, buffered);
            buffered = 0;
        }
    }

    /** The digest as {@code sha256:<hex>}; resets the digest. */
    public String finish() {
        flush();
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }
}
