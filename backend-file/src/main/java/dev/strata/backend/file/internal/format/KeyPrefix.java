package dev.strata.backend.file.internal.format;

/**
 * The first eight bytes of a key as one unsigned, big-endian {@code long} (zero-padded), so a binary search can
 * compare keys without leaving an array of primitives: when two prefixes differ, their unsigned order is the keys'
 * order; when they are equal, the whole keys decide. A search over byte arrays would follow a pointer per step, each
 * a likely cache miss.
 */
public final class KeyPrefix {

    private KeyPrefix() {
    }

    public static long of(byte[] key) {
        return of(key, 0, key.length);
    }

    /** The prefix of {@code bytes[offset, offset + length)}. */
    public static long of(byte[] bytes, int offset, int length) {
        if (length >= 8) {
            return ByteSink.readLong(bytes, offset);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (i < length ? bytes[offset + i] & 0xFF : 0);
        }
        return prefix;
    }
}
