package dev.strata.timeseries.internal;

/** Reads bits most significant first; running past the end is reported, never read as zeros. */
final class BitReader {

    private final byte[] bytes;
    private final long limit;
    private long position;

    BitReader(byte[] bytes, int startByte) {
        this.bytes = bytes;
        this.limit = (long) bytes.length * 8;
        this.position = (long) startByte * 8;
    }

    boolean readBit() {
        check(1);
        boolean bit = (bytes[(int) (position >>> 3)] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    /** Reads {@code count} bits (0 to 64) as an unsigned value. */
    long readBits(int count) {
        check(count);
        long value = 0;
        int remaining = count;
        while (remaining > 0) {
            int index = (int) (position >>> 3);
            int offset = (int) (position & 7);
            int available = 8 - offset;
            int take = Math.min(available, remaining);
            int chunk = ((bytes[index] & 0xFF) >>> (available - take)) & ((1 << take) - 1);
            value = (value << take) | chunk;
            position += take;
            remaining -= take;
        }
        return value;
    }

    int readByte() {
        return (int) readBits(8);
    }

    private void check(int bits) {
        if (position + bits > limit) {
            throw new ChunkFormatException("chunk ends in the middle of a sample (bit " + position + " of " + limit
                    + ")");
        }
    }
}
