package dev.strata.backend.file.internal.segment;

import dev.strata.backend.file.internal.format.ByteSink;

/** Collects sorted entries into the raw form of a {@link DataBlock}. */
final class DataBlockBuilder {

    private final ByteSink entries;
    private final ByteSink offsets = new ByteSink(1024);
    private int count;
    private byte[] lastKey;

    DataBlockBuilder(int blockSize) {
        entries = new ByteSink(blockSize + blockSize / 4);
    }

    void add(byte[] key, long seq, byte[] value) {
        offsets.writeInt(entries.size());
        entries.writeBytes(key).writeVarLong(seq);
        if (value == null) {
            entries.writeByte(DataBlock.KIND_TOMBSTONE);
        } else {
            entries.writeByte(DataBlock.KIND_VALUE).writeBytes(value);
        }
        count++;
        lastKey = key;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Bytes the block would have now. */
    int size() {
        return entries.size() + offsets.size() + 4;
    }

    byte[] lastKey() {
        return lastKey;
    }

    /** The raw block; the builder is empty afterwards. */
    byte[] finish() {
        entries.write(offsets.array(), 0, offsets.size()).writeInt(count);
        byte[] raw = entries.toByteArray();
        entries.reset();
        offsets.reset();
        count = 0;
        return raw;
    }
}
