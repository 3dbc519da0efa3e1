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
 * <p>
 * {@link #add} encodes each entry into the block at once, on the thread that reads the store, while the entry's
 * bytes are still in that core's cache; the archive's writing thread then digests the block ({@link #digest},
 * reading the keys and values back out of it), compresses, seals and writes it. Measured with {@code
 * BackupThreadCpu} (benchmarks/README.md): the writing thread, with LZ4 on it, was the backup's busiest thread while it also copied
 * every entry into the block from another core's cache, and the entries it still referenced survived young
 * collections.
 */
final class EntryBlock {

    private static final int FLAG_EXPIRES = 1;
    private static final int FLAG_TAGS = 2;

    /** The longest key the format holds: its length is written as a u16. */
    static final int MAX_KEY_BYTES = 0xFFFF;
    /** The most tags of one key the format holds: their count is written as a u8. */
    static final int MAX_TAGS = 0xFF;
    /** The longest tag the format holds: its length is written as a u8. */
    static final int MAX_TAG_BYTES = 0xFF;

    /**
     * The block's bytes, grown as needed (blocks are recycled, so they grow only while first filled): written with
     * plain array stores, not through a ByteArrayOutputStream, whose every one-byte write takes its monitor.
     */
    private byte[] bytes = new byte[1 << 16];
    private int size;
    private int entries;
    /**
     * Where the last entry starts: the chunk index's first and last keys are decoded from the block itself when
     * asked for (twice per chunk, on the writing thread), not kept as a {@code String} per entry on the reading one.
     */
    private int lastEntry;

    /**
     * Encodes the entry at the end of the block, unless it would take a block that already holds entries past
     * {@link ChunkFrame#MAX_PLAIN}: then the block is unchanged and the entry belongs in the next one.
     *
     * @param keyText the key as text for messages, or {@code null} to decode it from {@code key} when one is needed
     * @param value   an array holding the value at {@code valueOffset}, {@code valueLength} bytes (a stored record
     *                the scan read, for one)
     * @return whether the entry was added (always, to an empty block)
     * @throws UnarchivableEntryException when the format cannot hold the entry (see {@link #MAX_KEY_BYTES},
     *                                    {@link #MAX_TAGS}, {@link #MAX_TAG_BYTES}, an entry over
     *                                    {@link ChunkFrame#MAX_PLAIN} on its own, a negative expiry); the block is
     *                                    unchanged
     */
    boolean add(byte[] key, String keyText, byte[] value, int valueOffset, int valueLength, long expiresAt,
            Set<String> tags) {
        if (key.length > MAX_KEY_BYTES) {
            throw new UnarchivableEntryException("key '" + shortened(text(key, keyText)) + "' is " + key.length
                    + " bytes in UTF-8; an archive holds keys of at most " + MAX_KEY_BYTES + " bytes");
        }
        if (expiresAt < 0) {
            throw new UnarchivableEntryException("key '" + shortened(text(key, keyText)) + "' expires at "
                    + expiresAt + ", before 1970; an archive holds expiry times from the epoch on");
        }
        boolean tagged = !tags.isEmpty();
        long entrySize = 2L + key.length + 4 + valueLength + 1 + (expiresAt != 0 ? 8 : 0)
                + (tagged ? tagBytes(text(key, keyText), tags) : 0);
        if (size + entrySize > ChunkFrame.MAX_PLAIN) {
            if (entries > 0) {
                return false;
            }
            throw new UnarchivableEntryException("key '" + shortened(text(key, keyText)) + "' takes " + entrySize
                    + " bytes; that is over " + ChunkFrame.MAX_PLAIN + ", the most a chunk of an archive holds");
        }
        ensure(size + (int) entrySize);
        byte[] b = bytes;
        int p = size;
        b[p] = (byte) (key.length >>> 8);
        b[p + 1] = (byte) key.length;
        System.arraycopy(key, 0, b, p + 2, key.length);
        p = writeInt(b, p + 2 + key.length, valueLength);
        System.arraycopy(value, valueOffset, b, p, valueLength);
        p += valueLength;
        b[p++] = (byte) ((expiresAt != 0 ? FLAG_EXPIRES : 0) | (tagged ? FLAG_TAGS : 0));
        if (expiresAt != 0) {
            p = writeInt(b, writeInt(b, p, (int) (expiresAt >>> 32)), (int) expiresAt);
        }
        if (tagged) {
            b[p++] = (byte) tags.size();
            for (String tag : tags) {
                byte[] t = tag.getBytes(StandardCharsets.UTF_8);
                b[p++] = (byte) t.length;
                System.arraycopy(t, 0, b, p, t.length);
                p += t.length;
            }
        }
        if (p != size + entrySize) {
            throw new IllegalStateException("entry '" + shortened(text(key, keyText)) + "' took " + (p - size)
                    + " bytes, " + entrySize + " were counted");
        }
        lastEntry = size;
        size = p;
        entries++;
        return true;
    }

    private static String text(byte[] key, String keyText) {
        return keyText != null ? keyText : new String(key, StandardCharsets.UTF_8);
    }

    /** The bytes a key's tags take encoded (count, then length and bytes of each), after checking they fit. */
    private static int tagBytes(String keyText, Set<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new UnarchivableEntryException("key '" + shortened(keyText) + "' has " + tags.size()
                    + " tags; an archive holds at most " + MAX_TAGS + " per key");
        }
        int n = 1;
        for (String tag : tags) {
            int length = tag.getBytes(StandardCharsets.UTF_8).length;
            if (length > MAX_TAG_BYTES) {
                throw new UnarchivableEntryException("tag '" + shortened(tag) + "' of key '" + shortened(keyText)
                        + "' is " + length + " bytes in UTF-8; an archive holds tags of at most " + MAX_TAG_BYTES
                        + " bytes");
            }
            n += 1 + length;
        }
        return n;
    }

    /** A key or tag as a message names it: at most 60 characters, on one line. */
    private static String shortened(String text) {
        String line = text.replaceAll("[\\r\\n]", " ");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    /**
     * Feeds each entry's key and value, in order, to the digest, read back from the block's bytes (so the digest
     * covers exactly what is written).
     */
    void digest(ContentDigest digest) {
        byte[] b = bytes;
        int p = 0;
        for (int i = 0; i < entries; i++) {
            int keyLength = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            int keyOffset = p + 2;
            int valueOffset = keyOffset + keyLength + 4;
            int valueLength = readInt(b, valueOffset - 4);
            digest.updateEncoded(b, p, keyLength, valueLength);
            p = valueOffset + valueLength;
            int flags = b[p++];
            if ((flags & FLAG_EXPIRES) != 0) {
                p += 8;
            }
            if ((flags & FLAG_TAGS) != 0) {
                int count = b[p++] & 0xFF;
                for (int t = 0; t < count; t++) {
                    p += 1 + (b[p] & 0xFF);
                }
            }
        }
        if (p != size) {
            throw new IllegalStateException(entries + " entries took " + p + " bytes, the block holds " + size);
        }
    }

    private static int writeInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        return p + 4;
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, capacity));
        }
    }

    /** The bytes the entries take encoded. */
    int size() {
        return size;
    }

    int entries() {
        return entries;
    }

    /** The first entry's key ({@code null} while the block is empty). */
    String firstKey() {
        return entries == 0 ? null : keyAt(0);
    }

    /** The last entry's key ({@code null} while the block is empty). */
    String lastKey() {
        return entries == 0 ? null : keyAt(lastEntry);
    }

    private String keyAt(int entry) {
        int keyLength = (bytes[entry] & 0xFF) << 8 | (bytes[entry + 1] & 0xFF);
        return new String(bytes, entry + 2, keyLength, StandardCharsets.UTF_8);
    }

    /** The block's bytes: valid up to {@link #size()}, until the next reset. */
    byte[] array() {
        return bytes;
    }

    void reset() {
        size = 0;
        entries = 0;
        lastEntry = 0;
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
