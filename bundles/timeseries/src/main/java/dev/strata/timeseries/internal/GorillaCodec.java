package dev.strata.timeseries.internal;

/**
 * Gorilla compression (Pelkonen et al., VLDB 2015), with the bucket sizes of Prometheus's XOR chunk: timestamps as
 * delta-of-deltas, each value XOR'd with the previous value of its column. One chunk holds one or more value columns
 * sharing the timestamps (raw chunks have one; rollup chunks have count, sum, min and max).
 * <p>
 * Layout: byte 0 the format version ({@value #VERSION}), byte 1 the column count, then the sample count as an
 * unsigned varint, then the bit stream. The first sample is 64 raw bits of timestamp and 64 raw bits per column.
 * Every later timestamp writes {@code dod = (t[i] - t[i-1]) - (t[i-1] - t[i-2])} (the first delta against 0):
 * {@code 0} for dod 0; {@code 10}+14 bits, {@code 110}+17 bits, {@code 1110}+20 bits (two's complement) when it
 * fits; else {@code 1111}+64 bits. Arithmetic wraps, so any long timestamps round-trip. Every later value writes
 * {@code x = bits(v[i]) ^ bits(v[i-1])}: {@code 0} when x is 0; {@code 10} plus the meaningful bits when x fits the
 * previous leading/trailing-zero window; else {@code 11}, 5 bits of leading zeros (capped at 31), 6 bits of
 * meaningful-bit count (64 written as 0) and the meaningful bits. Raw bit patterns are kept, so NaN payloads and
 * -0.0 survive.
 */
final class GorillaCodec {

    static final int VERSION = 1;
    static final int MAX_COLUMNS = 8;

    private GorillaCodec() {
    }

    /** Encodes the first {@code count} samples; timestamps must already be in the order they should come back in. */
    static byte[] encode(long[] timestamps, double[][] columns, int count) {
        int width = columns.length;
        if (width < 1 || width > MAX_COLUMNS) {
            throw new IllegalArgumentException("a chunk has 1 to " + MAX_COLUMNS + " columns, not " + width);
        }
        BitWriter out = new BitWriter(16 + count * (1 + width));
        out.writeByte(VERSION);
        out.writeByte(width);
        writeVarint(out, count);
        if (count == 0) {
            return out.toByteArray();
        }
        long previousTime = timestamps[0];
        long previousDelta = 0;
        long[] previousBits = new long[width];
        int[] leading = new int[width];
        int[] trailing = new int[width];
        out.writeBits(previousTime, 64);
        for (int c = 0; c < width; c++) {
            previousBits[c] = Double.doubleToRawLongBits(columns[c][0]);
            out.writeBits(previousBits[c], 64);
            leading[c] = -1;
        }
        for (int i = 1; i < count; i++) {
            long delta = timestamps[i] - previousTime;
            writeDeltaOfDelta(out, delta - previousDelta);
            previousDelta = delta;
            previousTime = timestamps[i];
            for (int c = 0; c < width; c++) {
                long bits = Double.doubleToRawLongBits(columns[c][i]);
                long xor = bits ^ previousBits[c];
                previousBits[c] = bits;
                if (xor == 0) {
                    out.writeBit(false);
                    continue;
                }
                out.writeBit(true);
                int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
                int trail = Long.numberOfTrailingZeros(xor);
                if (leading[c] >= 0 && lead >= leading[c] && trail >= trailing[c]) {
                    out.writeBit(false);
                    out.writeBits(xor >>> trailing[c], 64 - leading[c] - trailing[c]);
                } else {
                    leading[c] = lead;
                    trailing[c] = trail;
                    int significant = 64 - lead - trail;
                    out.writeBit(true);
                    out.writeBits(lead, 5);
                    out.writeBits(significant & 63, 6);
                    out.writeBits(xor >>> trail, significant);
                }
            }
        }
        return out.toByteArray();
    }

    private static void writeDeltaOfDelta(BitWriter out, long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fits(dod, 14)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, 14);
        } else if (fits(dod, 17)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, 17);
        } else if (fits(dod, 20)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, 20);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    private static boolean fits(long value, int bits) {
        long bound = 1L << (bits - 1);
        return value >= -bound && value < bound;
    }

    /** Decodes a chunk. */
    static ChunkData decode(byte[] chunk) {
        if (chunk.length < 3) {
            throw new ChunkFormatException("chunk of " + chunk.length + " bytes is too short for its header");
        }
        BitReader in = new BitReader(chunk, 0);
        int version = in.readByte();
        if (version != VERSION) {
            throw new ChunkFormatException("unknown chunk format version " + version);
        }
        int width = in.readByte();
        if (width < 1 || width > MAX_COLUMNS) {
            throw new ChunkFormatException("chunk claims " + width + " columns");
        }
        long count = readVarint(in);
        if (count < 0 || count > (long) chunk.length * 8) {
            throw new ChunkFormatException("chunk claims " + count + " samples in " + chunk.length + " bytes");
        }
        int n = (int) count;
        long[] timestamps = new long[n];
        double[][] columns = new double[width][n];
        if (n == 0) {
            return new ChunkData(timestamps, columns, 0);
        }
        long time = in.readBits(64);
        long delta = 0;
        long[] previousBits = new long[width];
        int[] leading = new int[width];
        int[] trailing = new int[width];
        timestamps[0] = time;
        for (int c = 0; c < width; c++) {
            previousBits[c] = in.readBits(64);
            columns[c][0] = Double.longBitsToDouble(previousBits[c]);
        }
        for (int i = 1; i < n; i++) {
            delta += readDeltaOfDelta(in);
            time += delta;
            timestamps[i] = time;
            for (int c = 0; c < width; c++) {
                if (in.readBit()) {
                    if (in.readBit()) {
                        leading[c] = (int) in.readBits(5);
                        int significant = (int) in.readBits(6);
                        if (significant == 0) {
                            significant = 64;
                        }
                        trailing[c] = 64 - leading[c] - significant;
                        if (trailing[c] < 0) {
                            throw new ChunkFormatException("sample " + i + " has " + leading[c]
                                    + " leading zeros and " + significant + " meaningful bits");
                        }
                    }
                    int significant = 64 - leading[c] - trailing[c];
                    previousBits[c] ^= in.readBits(significant) << trailing[c];
                }
                columns[c][i] = Double.longBitsToDouble(previousBits[c]);
            }
        }
        return new ChunkData(timestamps, columns, n);
    }

    private static long readDeltaOfDelta(BitReader in) {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return signExtend(in.readBits(14), 14);
        }
        if (!in.readBit()) {
            return signExtend(in.readBits(17), 17);
        }
        if (!in.readBit()) {
            return signExtend(in.readBits(20), 20);
        }
        return in.readBits(64);
    }

    private static long signExtend(long value, int bits) {
        return (value << (64 - bits)) >> (64 - bits);
    }

    private static void writeVarint(BitWriter out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readVarint(BitReader in) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ChunkFormatException("sample count varint is too long");
    }
}
