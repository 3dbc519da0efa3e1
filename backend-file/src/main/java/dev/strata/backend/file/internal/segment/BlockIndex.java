package dev.strata.backend.file.internal.segment;

import java.util.Arrays;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.KeyPrefix;
import dev.strata.backend.file.internal.format.MalformedDataException;

/**
 * Where each data block of a segment lies and the last key it holds, kept in memory while the segment is open.
 *
 * <pre>varint count, { bytes last key, varlong offset, varint frame length } per block, bytes first key</pre>
 */
public final class BlockIndex {

    private final byte[][] lastKeys;
    private final long[] lastKeyPrefixes;
    private final long[] offsets;
    private final int[] lengths;
    private final byte[] firstKey;

    BlockIndex(byte[][] lastKeys, long[] offsets, int[] lengths, byte[] firstKey) {
        this.lastKeys = lastKeys;
        this.lastKeyPrefixes = new long[lastKeys.length];
        for (int i = 0; i < lastKeys.length; i++) {
            lastKeyPrefixes[i] = KeyPrefix.of(lastKeys[i]);
        }
        this.offsets = offsets;
        this.lengths = lengths;
        this.firstKey = firstKey;
    }

    public int blockCount() {
        return offsets.length;
    }

    public long offset(int block) {
        return offsets[block];
    }

    public int length(int block) {
        return lengths[block];
    }

    public byte[] firstKey() {
        return firstKey;
    }

    public byte[] lastKey() {
        return lastKeys[lastKeys.length - 1];
    }

    /** The first block whose last key is at or above {@code key}; {@link #blockCount()} when the key is beyond all. */
    public int find(byte[] key) {
        long prefix = KeyPrefix.of(key);
        int low = 0;
        int high = lastKeys.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int order = Long.compareUnsigned(lastKeyPrefixes[mid], prefix);
            if (order == 0) {
                order = Arrays.compareUnsigned(lastKeys[mid], key);
            }
            if (order < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    byte[] encode() {
        ByteSink sink = new ByteSink(64 + offsets.length * 32);
        sink.writeVarInt(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            sink.writeBytes(lastKeys[i]).writeVarLong(offsets[i]).writeVarInt(lengths[i]);
        }
        sink.writeBytes(firstKey);
        return sink.toByteArray();
    }

    /** Decodes and checks that blocks follow each other inside {@code [dataStart, dataEnd)} in key order. */
    static BlockIndex decode(byte[] raw, long dataStart, long dataEnd) {
        ByteSource source = new ByteSource(raw);
        int count = source.readVarInt();
        if (count < 1 || count > raw.length) {
            throw new MalformedDataException("block count " + count + " is implausible");
        }
        byte[][] lastKeys = new byte[count][];
        long[] offsets = new long[count];
        int[] lengths = new int[count];
        long expected = dataStart;
        for (int i = 0; i < count; i++) {
            lastKeys[i] = source.readBytes();
            offsets[i] = source.readVarLong();
            lengths[i] = source.readVarInt();
            if (offsets[i] != expected || lengths[i] <= 0 || offsets[i] + lengths[i] > dataEnd) {
                throw new MalformedDataException("block " + i + " lies outside the data area");
            }
            if (i > 0 && Arrays.compareUnsigned(lastKeys[i - 1], lastKeys[i]) >= 0) {
                throw new MalformedDataException("block index out of order at " + i);
            }
            expected = offsets[i] + lengths[i];
        }
        if (expected != dataEnd) {
            throw new MalformedDataException("data area has bytes no block covers");
        }
        byte[] firstKey = source.readBytes();
        if (source.remaining() != 0 || Arrays.compareUnsigned(firstKey, lastKeys[0]) > 0) {
            throw new MalformedDataException("block index trailer is wrong");
        }
        return new BlockIndex(lastKeys, offsets, lengths, firstKey);
    }
}
