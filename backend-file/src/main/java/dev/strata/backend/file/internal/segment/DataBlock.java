package dev.strata.backend.file.internal.segment;

import java.util.Arrays;

import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.ByteSource;
import dev.strata.backend.file.internal.format.KeyPrefix;
import dev.strata.backend.file.internal.format.MalformedDataException;

/**
 * A decoded data block: sorted entries followed by the offset of each and their count, so a lookup is a binary
 * search without decoding the block. Parsing also takes each key's first eight bytes into an array of longs: the
 * search then reads one small array and touches the entry area only where prefixes tie and for the entry found,
 * instead of a cache line of a random block per step.
 *
 * <pre>
 * entry:   varint key length, key, varlong seq, u8 kind (0 value, 1 tombstone), [varint value length, value]
 * trailer: u32 offset of each entry, u32 entry count
 * </pre>
 */
public final class DataBlock {

    static final int KIND_VALUE = 0;
    static final int KIND_TOMBSTONE = 1;

    private final byte[] raw;
    private final int count;
    private final int offsetsStart;
    private final long[] keyPrefixes;

    private DataBlock(byte[] raw, int count, int offsetsStart) {
        this.raw = raw;
        this.count = count;
        this.offsetsStart = offsetsStart;
        this.keyPrefixes = new long[count];
    }

    /**
     * Checks the trailer: every entry offset lies inside the entry area and they ascend, so later reads stay in
     * bounds. (Key order is not re-checked here: the block's checksum already vouches for the bytes the writer,
     * which enforces the order, produced; {@link #verify()} checks it fully.)
     */
    public static DataBlock parse(byte[] raw) {
        if (raw.length < 4) {
            throw new MalformedDataException("data block too short");
        }
        int count = ByteSink.readInt(raw, raw.length - 4);
        long offsetsStart = raw.length - 4 - 4L * count;
        if (count < 1 || offsetsStart < 0) {
            throw new MalformedDataException("data block entry count " + count + " is implausible");
        }
        DataBlock block = new DataBlock(raw, count, (int) offsetsStart);
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int offset = block.offset(i);
            if (offset <= previous || offset >= offsetsStart || (i == 0 && offset != 0)) {
                throw new MalformedDataException("data block entry " + i + " is not where the trailer says");
            }
            block.keyPrefixes[i] = block.prefixAt(offset);
            previous = offset;
        }
        return block;
    }

    /** Decodes every entry and checks kinds, lengths and key order: what verification adds to {@link #parse}. */
    public void verify() {
        int previousEnd = 0;
        for (int i = 0; i < count; i++) {
            int offset = offset(i);
            if (offset != previousEnd) {
                throw new MalformedDataException("data block entry " + i + " is not where the trailer says");
            }
            ByteSource source = new ByteSource(raw, offset, offsetsStart - offset);
            int keyLength = source.readVarInt();
            source.skip(keyLength);
            source.readVarLong();
            int kind = source.readByte();
            if (kind == KIND_VALUE) {
                source.skip(source.readVarInt());
            } else if (kind != KIND_TOMBSTONE) {
                throw new MalformedDataException("data block entry " + i + " has kind " + kind);
            }
            previousEnd = source.position();
            if (i > 0 && compareKeys(i - 1, i) >= 0) {
                throw new MalformedDataException("data block keys out of order at entry " + i);
            }
        }
        if (previousEnd != offsetsStart) {
            throw new MalformedDataException("data block has bytes between its entries and its trailer");
        }
    }

    public int count() {
        return count;
    }

    /** Heap bytes, for the cache's weigher. */
    public int weight() {
        return raw.length + 8 * count + 80;
    }

    /** The key prefix of the entry at {@code offset}, reading nothing beyond the entry area. */
    private long prefixAt(int offset) {
        ByteSource source = new ByteSource(raw, offset, offsetsStart - offset);
        int length = source.readVarInt();
        int start = source.position();
        return KeyPrefix.of(raw, start, Math.max(0, Math.min(length, offsetsStart - start)));
    }

    private int offset(int index) {
        return ByteSink.readInt(raw, offsetsStart + 4 * index);
    }

    private int compareKeys(int a, int b) {
        int pa = offset(a);
        int pb = offset(b);
        ByteSource sa = new ByteSource(raw, pa, offsetsStart - pa);
        ByteSource sb = new ByteSource(raw, pb, offsetsStart - pb);
        int la = sa.readVarInt();
        int lb = sb.readVarInt();
        return Arrays.compareUnsigned(raw, sa.position(), sa.position() + la, raw, sb.position(), sb.position() + lb);
    }

    /** Compares the key of entry {@code index} with {@code key}. */
    public int compareKeyAt(int index, byte[] key) {
        int p = offset(index);
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = raw[p++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return Arrays.compareUnsigned(raw, p, p + length, key, 0, key.length);
    }

    /** The index of the first entry whose key is at or above {@code key}; {@link #count()} when none. */
    public int seek(byte[] key) {
        long prefix = KeyPrefix.of(key);
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int order = Long.compareUnsigned(keyPrefixes[mid], prefix);
            if (order == 0) {
                order = compareKeyAt(mid, key);
            }
            if (order < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Decodes entry {@code index} into {@code into}. */
    public void read(int index, Cursor into) {
        ByteSource source = new ByteSource(raw, offset(index), offsetsStart - offset(index));
        into.key = source.readBytes();
        readVersion(source, into);
    }

    /** The sequence number and value (null for a tombstone) that follow an entry's key. */
    private static void readVersion(ByteSource source, Cursor into) {
        into.seq = source.readVarLong();
        into.value = source.readByte() == KIND_VALUE ? source.readBytes() : null;
    }

    /**
     * Reads entry {@code index} only when its key equals {@code key}; the cursor's key is then {@code key} itself
     * (equal bytes, so no copy).
     */
    public boolean readIfKey(int index, byte[] key, Cursor into) {
        if (index >= count || keyPrefixes[index] != KeyPrefix.of(key) || compareKeyAt(index, key) != 0) {
            return false;
        }
        ByteSource source = new ByteSource(raw, offset(index), offsetsStart - offset(index));
        source.skip(source.readVarInt());
        into.key = key;
        readVersion(source, into);
        return true;
    }

    /** A decoded entry, reused while walking. */
    public static final class Cursor {
        byte[] key;
        long seq;
        byte[] value;

        public byte[] key() {
            return key;
        }

        public long seq() {
            return seq;
        }

        /** {@code null} for a tombstone. */
        public byte[] value() {
            return value;
        }
    }
}
