package dev.strata.backend.file.internal.segment;

import dev.strata.backend.file.internal.read.EntryIterator;

/** Walks a segment's entries in a key range, block by block, in either direction. */
final class SegmentIterator implements EntryIterator {

    private final SegmentReader segment;
    private final byte[] lower;
    private final byte[] upper;
    private final boolean reverse;
    private final boolean useCache;
    private final int blockCount;
    private final DataBlock.Cursor entry = new DataBlock.Cursor();
    private int blockIndex;
    private DataBlock block;
    private int position;
    private boolean done;

    SegmentIterator(SegmentReader segment, BlockIndex index, int startBlock, int blockCount, byte[] lower,
            byte[] upper, boolean reverse, boolean useCache) {
        this.segment = segment;
        this.lower = lower;
        this.upper = upper;
        this.reverse = reverse;
        this.useCache = useCache;
        this.blockCount = blockCount;
        this.blockIndex = startBlock;
        this.done = blockCount < 0 || startBlock < 0 || startBlock >= blockCount;
    }

    @Override
    public boolean next() {
        while (!done) {
            if (block == null) {
                block = segment.block(blockIndex, useCache);
                position = firstPosition();
            }
            if (position < 0 || position >= block.count()) {
                block = null;
                blockIndex += reverse ? -1 : 1;
                done = blockIndex < 0 || blockIndex >= blockCount;
                continue;
            }
            block.read(position, entry);
            position += reverse ? -1 : 1;
            if (reverse ? lower != null && java.util.Arrays.compareUnsigned(entry.key(), lower) < 0
                    : upper != null && java.util.Arrays.compareUnsigned(entry.key(), upper) >= 0) {
                done = true;
                return false;
            }
            return true;
        }
        return false;
    }

    private int firstPosition() {
        if (reverse) {
            return upper == null ? block.count() - 1 : block.seek(upper) - 1;
        }
        return lower == null ? 0 : block.seek(lower);
    }

    @Override
    public byte[] key() {
        return entry.key();
    }

    @Override
    public long seq() {
        return entry.seq();
    }

    @Override
    public byte[] value() {
        return entry.value();
    }
}
