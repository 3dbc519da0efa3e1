package dev.strata.jobs.internal.archive;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a store's content in key order: for each entry its key length, key bytes, value length and value
 * bytes (lengths as 4-byte big-endian). Two stores have the same digest exactly when they hold the same entries,
 * whatever engine they run on.
 */
public final class ContentDigest {

    public static final String PREFIX = "sha256:";

    private final MessageDigest sha;
    private final ByteBuffer length = ByteBuffer.allocate(4);

    public ContentDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public void update(byte[] key, byte[] value) {
        updateLength(key.length);
        sha.update(key);
        updateLength(value.length);
        sha.update(value);
    }

    private void updateLength(int n) {
        length.clear();
        length.putInt(n);
        sha.update(length.array());
    }

    /** The digest as {@code sha256:<hex>}; resets the digest. */
    public String finish() {
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }
}
