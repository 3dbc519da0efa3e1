package dev.strata.backend.file.internal.segment;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.MalformedDataException;

/**
 * A Bloom filter over the keys of one segment, so that a lookup of an absent key skips the segment without
 * reading a block. Double hashing over one 64-bit hash; about 1% false positives at 10 bits per key.
 */
public final class BloomFilter {

    private final long[] bits;
    private final int probes;
    private final long bitCount;

    private BloomFilter(long[] bits, int probes) {
        this.bits = bits;
        this.probes = probes;
        this.bitCount = (long) bits.length * 64;
    }

    /** A filter holding the given key hashes (see {@link #hash}). */
    public static BloomFilter of(long[] hashes, int count, int bitsPerKey) {
        long wanted = Math.max(64, (long) count * bitsPerKey);
        int words = (int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64);
        int probes = Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
        BloomFilter filter = new BloomFilter(new long[words], probes);
        for (int i = 0; i < count; i++) {
            filter.add(hashes[i]);
        }
        return filter;
    }

    private void add(long hash) {
        long h1 = hash;
        long h2 = Long.rotateLeft(hash, 32) | 1;
        for (int i = 0; i < probes; i++) {
            long bit = Math.floorMod(h1, bitCount);
            bits[(int) (bit >>> 6)] |= 1L << bit;
            h1 += h2;
        }
    }

    public boolean mightContain(long hash) {
        long h1 = hash;
        long h2 = Long.rotateLeft(hash, 32) | 1;
        for (int i = 0; i < probes; i++) {
            long bit = Math.floorMod(h1, bitCount);
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
            h1 += h2;
        }
        return true;
    }

    public byte[] encode() {
        ByteSink sink = new ByteSink(8 + bits.length * 8);
        sink.writeByte(probes).writeInt(bits.length);
        for (long word : bits) {
            sink.writeLong(word);
        }
        return sink.toByteArray();
    }

    public static BloomFilter decode(byte[] raw) {
        ByteSource source = new ByteSource(raw);
        int probes = source.readByte();
        int words = source.readInt();
        if (probes < 1 || probes > 30 || words < 1 || words > source.remaining() / 8) {
            throw new MalformedDataException("bloom filter header is implausible");
        }
        long[] bits = new long[words];
        for (int i = 0; i < words; i++) {
            bits[i] = source.readLong();
        }
        return new BloomFilter(bits, probes);
    }

    /** A 64-bit hash of the key (a small xxHash-style mix: fast, and well spread for the double hashing). */
    public static long hash(byte[] key) {
        final long p1 = 0x9E3779B185EBCA87L;
        final long p2 = 0xC2B2AE3D27D4EB4FL;
        final long p5 = 0x27D4EB2F165667C5L;
        long h = p5 + key.length;
        int i = 0;
        for (; i + 8 <= key.length; i += 8) {
            long k = ByteSink.readLong(key, i) * p2;
            h ^= Long.rotateLeft(k, 31) * p1;
            h = Long.rotateLeft(h, 27) * p1 + 0x85EBCA77C2B2AE63L;
        }
        for (; i < key.length; i++) {
            h ^= (key[i] & 0xFFL) * p5;
            h = Long.rotateLeft(h, 11) * p1;
        }
        h ^= h >>> 33;
        h *= p2;
        h ^= h >>> 29;
        h *= 0x165667B19E3779F9L;
        return h ^ (h >>> 32);
    }
}
