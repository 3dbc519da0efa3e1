package dev.strata.jobs.internal.archive;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A chunk's plaintext, in key order. Format 1: entries as {@code keyLength(u16) key valueLength(u32) value}.
 * Format 2 adds the key's metadata after its value: {@code flags(u8)} (1 = expires, 2 = has tags), then
 * {@code expiresAt(i64, epoch ms)} with flag 1 and {@code tagCount(u8) (tagLength(u8) tag)*} with flag 2, so a key
 * without either costs one byte more than in format 1.
 */
final class EntryBlock {

    private static final int FLAG_EXPIRES = 1;
    private static final int FLAG_TAGS = 2;

    /**
     * The block's bytes, grown as needed: written with plain array stores, not through a ByteArrayOutputStream,
     * whose every one-byte write takes its monitor (a backup writes a dozen such bytes per entry).
     */
    private byte[] bytes = new byte[1 << 16];
    private int size;
    /**
     * The entries added and not yet encoded: only their references are kept by {@link #add} (on the thread that
     * reads the store), and {@link #encode} copies them into {@link #bytes} (on the archive's writing thread).
     */
    private byte[][] keys = new byte[1024][];
    private byte[][] values = new byte[1024][];
    private long[] expiries = new long[1024];
    private Set<?>[] tagSets = new Set<?>[1024];
    private int entries;
    private int encodedSize;
    private String firstKey;
    private String lastKey;

    /** Keeps the entry to be encoded; the arrays must not change until the block is reset. */
    void add(byte[] key, String keyText, byte[] value, long expiresAt, Set<String> tags) {
        if (entries == keys.length) {
            int n = entries * 2;
            keys = java.util.Arrays.copyOf(keys, n);
            values = java.util.Arrays.copyOf(values, n);
            expiries = java.util.Arrays.copyOf(expiries, n);
            tagSets = java.util.Arrays.copyOf(tagSets, n);
        }
        keys[entries] = key;
        values[entries] = value;
        expiries[entries] = expiresAt;
        tagSets[entries] = tags;
        encodedSize += 2 + key.length + 4 + value.length + 1 + (expiresAt != 0 ? 8 : 0) + (tags.isEmpty() ? 0
                : 1 + tags.stream().mapToInt(t -> 1 + t.getBytes(StandardCharsets.UTF_8).length).sum());
        if (entries == 0) {
            firstKey = keyText;
        }
        lastKey = keyText;
        entries++;
    }

    /**
     * Writes the entries added into the block's bytes, in order, and feeds each key and value to the digest.
     * After it, {@link #array()} and {@link #size()} hold the chunk's plaintext.
     */
    void encode(ContentDigest digest) {
        size = 0;
        ensure(encodedSize);
        for (int i = 0; i < entries; i++) {
            byte[] key = keys[i];
            byte[] value = values[i];
            long expiresAt = expiries[i];
            Set<?> tags = tagSets[i];
            digest.update(key, value);
            bytes[size++] = (byte) (key.length >>> 8);
            bytes[size++] = (byte) key.length;
            System.arraycopy(key, 0, bytes, size, key.length);
            size += key.length;
            writeInt(value.length);
            System.arraycopy(value, 0, bytes, size, value.length);
            size += value.length;
            int flags = (expiresAt != 0 ? FLAG_EXPIRES : 0) | (tags.isEmpty() ? 0 : FLAG_TAGS);
            bytes[size++] = (byte) flags;
            if (expiresAt != 0) {
                writeInt((int) (expiresAt >>> 32));
                writeInt((int) expiresAt);
            }
            if (!tags.isEmpty()) {
                bytes[size++] = (byte) tags.size();
                for (Object tag : tags) {
                    byte[] t = ((String) tag).getBytes(StandardCharsets.UTF_8);
                    bytes[size++] = (byte) t.length;
                    System.arraycopy(t, 0, bytes, size, t.length);
                    size += t.length;
                }
            }
        }
        if (size != encodedSize) {
            throw new IllegalStateException("the block's entries took " + size + " bytes, " + encodedSize
                    + " were counted");
        }
    }

    private void writeInt(int v) {
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, capacity));
        }
    }

    /** The bytes the entries take encoded (exact, known before {@link #encode}). */
    int size() {
        return encodedSize;
    }

    int entries() {
        return entries;
    }

    String firstKey() {
        return firstKey;
    }

    String lastKey() {
        return lastKey;
    }

    /** The block's bytes after {@link #encode}: valid up to {@link #size()}, until the next reset. */
    byte[] array() {
        return bytes;
    }

    void reset() {
        java.util.Arrays.fill(keys, 0, entries, null);
        java.util.Arrays.fill(values, 0, entries, null);
        java.util.Arrays.fill(tagSets, 0, entries, null);
        size = 0;
        encodedSize = 0;
        entries = 0;
        firstKey = null;
        lastKey = null;
    }

    /**
     * @param formatVersion the archive's format version: 1 (no metadata) or 2
     * @throws IllegalArgumentException when the bytes do not hold exactly {@code count} well-formed entries
     */
    static List<KeyRecord> decode(byte[] plain, int count, int formatVersion) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        List<KeyRecord> out = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[in.getShort() & 0xFFFF];
                in.get(key);
                int valueLength = in.getInt();
                if (valueLength < 0 || valueLength > in.remaining()) {
                    throw new IllegalArgumentException("value length " + valueLength + " overruns the chunk");
                }
                byte[] value = new byte[valueLength];
                in.get(value);
                String keyText = new String(key, StandardCharsets.UTF_8);
                if (formatVersion < 2) {
                    out.add(KeyRecord.plain(keyText, value));
                    continue;
                }
                int flags = in.get() & 0xFF;
                if ((flags & ~(FLAG_EXPIRES | FLAG_TAGS)) != 0) {
                    throw new IllegalArgumentException("unknown metadata flags " + flags + " at '" + keyText + "'");
                }
                long expiresAt = (flags & FLAG_EXPIRES) != 0 ? in.getLong() : 0;
                if ((flags & FLAG_EXPIRES) != 0 && expiresAt <= 0) {
                    throw new IllegalArgumentException("impossible expiry " + expiresAt + " at '" + keyText + "'");
                }
                Set<String> tags = Set.of();
                if ((flags & FLAG_TAGS) != 0) {
                    int tagCount = in.get() & 0xFF;
                    Set<String> read = new LinkedHashSet<>();
                    for (int t = 0; t < tagCount; t++) {
                        byte[] tag = new byte[in.get() & 0xFF];
                        in.get(tag);
                        read.add(new String(tag, StandardCharsets.UTF_8));
                    }
                    tags = read;
                }
                out.add(new KeyRecord(keyText, value, expiresAt, tags));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("entries overrun the chunk");
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the last entry");
        }
        return out;
    }
}
