package dev.strata.jobs.internal.archive;

import java.io.ByteArrayOutputStream;
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

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private int entries;
    private String firstKey;
    private String lastKey;

    void add(byte[] key, String keyText, byte[] value, long expiresAt, Set<String> tags) {
        bytes.write(key.length >>> 8);
        bytes.write(key.length);
        bytes.writeBytes(key);
        writeInt(value.length);
        bytes.writeBytes(value);
        int flags = (expiresAt != 0 ? FLAG_EXPIRES : 0) | (tags.isEmpty() ? 0 : FLAG_TAGS);
        bytes.write(flags);
        if (expiresAt != 0) {
            writeInt((int) (expiresAt >>> 32));
            writeInt((int) expiresAt);
        }
        if (!tags.isEmpty()) {
            bytes.write(tags.size());
            for (String tag : tags) {
                byte[] t = tag.getBytes(StandardCharsets.UTF_8);
                bytes.write(t.length);
                bytes.writeBytes(t);
            }
        }
        if (entries == 0) {
            firstKey = keyText;
        }
        lastKey = keyText;
        entries++;
    }

    private void writeInt(int v) {
        bytes.write(v >>> 24);
        bytes.write(v >>> 16);
        bytes.write(v >>> 8);
        bytes.write(v);
    }

    int size() {
        return bytes.size();
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

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    void reset() {
        bytes.reset();
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
