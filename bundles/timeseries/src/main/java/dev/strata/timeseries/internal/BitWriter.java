package dev.strata.timeseries.internal;

import java.util.Arrays;

/** Appends bits most significant first into a growing byte array (the bit order of Gorilla and Prometheus). */
final class BitWriter {

    private byte[] bytes;
    private long bitCount;

    BitWriter(int expectedBytes) {
        bytes = new byte[Math.max(16, expectedBytes)];
    }

    void writeBit(boolean bit) {
        ensure(1);
        if (bit) {
            bytes[(int) (bitCount >>> 3)] |= (byte) (0x80 >>> (bitCount & 7));
        }
        bitCount++;
    }

    /** Writes the low {@code count} bits of {@code value} (0 to 64), most significant first. */
    void writeBits(long value, int count) {
        ensure(count);
        int remaining = count;
        while (remaining > 0) {
            int index = (int) (bitCount >>> 3);
            int free = 8 - (int) (bitCount & 7);
            int take = Math.min(free, remaining);
            int chunk = (int) ((value >>> (remaining - take)) & ((1L << take) - 1));
            bytes[index] |= (byte) (chunk << (free - take));
            bitCount += take;
            remaining -= take;
        }
    }

    /** Writes an unsigned varint as whole bytes at the current position; only used at a byte boundary. */
    void writeByte(int value) {
        writeBits(value & 0xFF, 8);
    }

    long bitCount() {
        return bitCount;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, (int) ((bitCount + 7) >>> 3));
    }

    private void ensure(int bits) {
        long needed = (bitCount + bits + 7) >>> 3;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, bytes.length * 2L));
        }
    }
}
