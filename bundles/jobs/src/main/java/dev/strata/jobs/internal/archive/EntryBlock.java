package dev.strata.jobs.internal.archive;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.Entry;

/** A chunk's plaintext: entries as {@code keyLength(u16) key valueLength(u32) value}, in key order. */
final class EntryBlock {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private int entries;
    private String firstKey;
    private String lastKey;

    void add(byte[] key, String keyText, byte[] value) {
        bytes.write(key.length >>> 8);
        bytes.write(key.length);
        bytes.writeBytes(key);
        bytes.write(value.length >>> 24);
        bytes.write(value.length >>> 16);
        bytes.write(value.length >>> 8);
        bytes.write(value.length);
        bytes.writeBytes(value);
        if (entries == 0) {
            firstKey = keyText;
        }
        lastKey = keyText;
        entries++;
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
     * @throws IllegalArgumentException when the bytes do not hold exactly {@code count} well-formed entries
     */
    static List<Entry> decode(byte[] plain, int count) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        List<Entry> out = new ArrayList<>(count);
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
                out.add(new Entry(new String(key, StandardCharsets.UTF_8), value));
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
