package dev.strata.backend.file.internal.segment;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.MalformedDataException;

/**
 * A Bloom filter over keys, so that a lookup of an absent key skips a segment (or a memory table) without reading
 * it. Cache-blocked: all probes of a key fall in one 64-byte block of the bit array, so a check costs one cache miss
 * where a classic filter costs one per probe; at 10 bits per key that raises false positives from about 0.8% to
 * about 1%. The header's high bit marks the blocked layout; a filter without it (the classic layout of the first
 * development builds) is refused as malformed rather than read with the wrong probes, which could miss keys.
 * <p>
 * A filter may be filled while others read it when there is one writer and each reader reaches the keys it looks
 * for through a happens-before edge from that writer, as memory tables do (readers' snapshots are published after
 * the insert): bits are only ever set, and a long write is atomic on 64-bit JVMs.
 */
public final class BloomFilter {

    private static final int BLOCKED_FLAG = 0x80;
    private static final int BLOCK_WORDS = 8;
    private static final int BLOCK_BITS = BLOCK_WORDS * 64;

    private final long[] bits;
    private final int probes;

    private BloomFilter(long[] bits, int probes) {
        this.bits = bits;
        this.probes = probes;
    }

    /** An empty filter sized for about {@code expectedKeys} keys; more keys only raise the false-positive rate. */
    public static BloomFilter empty(long expectedKeys, int bitsPerKey) {
        long wanted = Math.max(BLOCK_BITS, expectedKeys * bitsPerKey);
        long blocks = Math.min((Integer.MAX_VALUE - 8) / BLOCK_WORDS, (wanted + BLOCK_BITS - 1) / BLOCK_BITS);
        int probes = Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
        return new BloomFilter(new long[(int) blocks * BLOCK_WORDS], probes);
    }

    /** A filter holding the given key hashes (see {@link #hash}). */
    public static BloomFilter of(long[] hashes, int count, int bitsPerKey) {
        BloomFilter filter = empty(count, bitsPerKey);
        for (int i = 0; i < count; i++) {
            filter.add(hashes[i]);
        }
        return filter;
    }

    /** Adds a key hash; one writer at a time (see the class comment for concurrent readers). */
    public void add(long hash) {
        int base = blockOf(hash);
        long probe = spread(hash);
        for (int i = 0; i < probes; i++) {
            int bit = (int) (probe & (BLOCK_BITS - 1));
            bits[base + (bit >>> 6)] |= 1L << bit;
            probe = nextProbe(probe, i);
        }
    }

    public boolean mightContain(long hash) {
        int base = blockOf(hash);
        long probe = spread(hash);
        for (int i = 0; i < probes; i++) {
            int bit = (int) (probe & (BLOCK_BITS - 1));
            if ((bits[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
            probe = nextProbe(probe, i);
        }
        return true;
    }

    /** The first word of the key's block: the high half of the hash scaled to the block count. */
    private int blockOf(long hash) {
        long blocks = bits.length / BLOCK_WORDS;
        return (int) (((hash >>> 32) * blocks) >>> 32) * BLOCK_WORDS;
    }

    /** Probe positions come from a remix of the hash, independent of the bits that chose the block. */
    private static long spread(long hash) {
        long h = hash * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Nine bits per probe; after seven probes the 63 usable bits are spent, so remix. */
    private static long nextProbe(long probe, int i) {
        return i % 7 == 6 ? spread(probe + 0x632BE59BD9B4E019L) : probe >>> 9;
    }

    public byte[] encode() {
        ByteSink sink = new ByteSink(8 + bits.length * 8);
        sink.writeByte(probes | BLOCKED_FLAG).writeInt(bits.length);
        for (long word : bits) {
            sink.writeLong(word);
        }
        return sink.toByteArray();
    }

    public static BloomFilter decode(byte[] raw) {
        ByteSource source = new ByteSource(raw);
        int header = source.readByte();
        int probes = header & ~BLOCKED_FLAG;
        int words = source.readInt();
        if ((header & BLOCKED_FLAG) == 0 || probes < 1 || probes > 30 || words < 1
                || words > source.remaining() / 8 || words % BLOCK_WORDS != 0) {
            throw new MalformedDataException("bloom filter header is implausible");
        }
        long[] bits = new long[words];
        for (int i = 0; i < words; i++) {
            bits[i] = source.readLong();
        }
        return new BloomFilter(bits, probes);
    }

    /** A 64-bit hash of the key (a small xxHash-style mix: fast and well spread). */
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
