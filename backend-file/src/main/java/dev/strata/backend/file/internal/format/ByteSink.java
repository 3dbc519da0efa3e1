package dev.strata.backend.file.internal.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive encodings every file of the store uses: big-endian fixed-width
 * integers (headers, where a reader must find a field at a known place) and unsigned varints (lengths inside
 * records and blocks, where most values are small).
 */
public final class ByteSink {

    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    /** The internal array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void reset() {
        size = 0;
    }

    /** Moves the write position back (to drop what was written after {@code newSize}). */
    public void truncate(int newSize) {
        size = newSize;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("buffer over 2 GB");
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, (long) bytes.length * 2);
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
    }

    public ByteSink writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteSink writeInt(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
        return this;
    }

    public ByteSink writeLong(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
        return this;
    }

    /** Writes {@code value} at an earlier position without moving the end (to fill in a length afterwards). */
    public void putInt(int position, int value) {
        INT.set(bytes, position, value);
    }

    public void putLong(int position, long value) {
        LONG.set(bytes, position, value);
    }

    public ByteSink writeVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteSink writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteSink write(byte[] source) {
        return write(source, 0, source.length);
    }

    public ByteSink write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** A varint length followed by the bytes. */
    public ByteSink writeBytes(byte[] source) {
        writeVarInt(source.length);
        return write(source);
    }

    public static int varIntSize(int value) {
        int n = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    public static int readInt(byte[] source, int offset) {
        return (int) INT.get(source, offset);
    }

    public static long readLong(byte[] source, int offset) {
        return (long) LONG.get(source, offset);
    }

    public static void putInt(byte[] target, int offset, int value) {
        INT.set(target, offset, value);
    }

    public static void putLong(byte[] target, int offset, long value) {
        LONG.set(target, offset, value);
    }
}
