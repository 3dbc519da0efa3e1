package dev.strata.backend.file.internal.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.strata.backend.file.internal.codec.BlockCodec;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.manifest.SegmentMeta;

/**
 * Writes one immutable segment from entries in ascending key order (one version per key): data blocks, then the
 * block index, the Bloom filter and the footer. The file is forced before {@link #finish()} returns; the caller
 * forces the directory and records the segment in the manifest. Not thread-safe.
 */
public final class SegmentWriter implements AutoCloseable {

    private static final int WRITE_BUFFER = 1 << 20;

    private final Path file;
    private final long id;
    private final FileChannel channel;
    private final BlockCodec codec;
    private final int blockSize;
    private final int bloomBitsPerKey;
    private final DataBlockBuilder block;
    private final ByteSink buffer = new ByteSink(WRITE_BUFFER + 64 * 1024);
    private final List<byte[]> lastKeys = new ArrayList<>();
    private long[] offsets = new long[64];
    private int[] lengths = new int[64];
    private long[] hashes = new long[1024];
    private long position;
    private long entries;
    private long minSeq = Long.MAX_VALUE;
    private long maxSeq;
    private byte[] firstKey;
    private byte[] previousKey;
    private boolean finished;

    public SegmentWriter(Path file, long id, ChannelFactory channels, BlockCodec codec, int blockSize,
            int bloomBitsPerKey) throws IOException {
        this.file = file;
        this.id = id;
        this.codec = codec;
        this.blockSize = blockSize;
        this.bloomBitsPerKey = bloomBitsPerKey;
        this.block = new DataBlockBuilder(blockSize);
        this.channel = channels.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        buffer.write(SegmentFooter.HEADER_MAGIC).writeLong(id);
        position = SegmentFooter.HEADER_BYTES;
    }

    public Path file() {
        return file;
    }

    public long entries() {
        return entries;
    }

    /** Adds an entry; keys must ascend strictly. {@code value} is {@code null} for a tombstone. */
    public void add(byte[] key, long seq, byte[] value) throws IOException {
        if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
            throw new IllegalArgumentException("segment keys must ascend");
        }
        previousKey = key;
        if (firstKey == null) {
            firstKey = key;
        }
        block.add(key, seq, value);
        if (entries == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[(int) entries] = BloomFilter.hash(key);
        entries++;
        minSeq = Math.min(minSeq, seq);
        maxSeq = Math.max(maxSeq, seq);
        if (block.size() >= blockSize) {
            flushBlock();
        }
    }

    private void flushBlock() throws IOException {
        byte[] lastKey = block.lastKey();
        byte[] frame = codec.seal(block.finish(), id, position);
        int n = lastKeys.size();
        if (n == offsets.length) {
            offsets = Arrays.copyOf(offsets, n * 2);
            lengths = Arrays.copyOf(lengths, n * 2);
        }
        lastKeys.add(lastKey);
        offsets[n] = position;
        lengths[n] = frame.length;
        append(frame);
    }

    private void append(byte[] frame) throws IOException {
        buffer.write(frame);
        position += frame.length;
        if (buffer.size() >= WRITE_BUFFER) {
            drain();
        }
    }

    private void drain() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        buffer.reset();
    }

    /** Completes and forces the file. At least one entry must have been added. */
    public SegmentMeta finish() throws IOException {
        if (entries == 0) {
            throw new IllegalStateException("a segment needs at least one entry");
        }
        if (!block.isEmpty()) {
            flushBlock();
        }
        int blocks = lastKeys.size();
        BlockIndex index = new BlockIndex(lastKeys.toArray(new byte[0][]), Arrays.copyOf(offsets, blocks),
                Arrays.copyOf(lengths, blocks), firstKey);
        long indexOffset = position;
        byte[] indexFrame = codec.seal(index.encode(), id, indexOffset);
        append(indexFrame);
        long bloomOffset = position;
        byte[] bloomFrame = codec.seal(BloomFilter.of(hashes, (int) entries, bloomBitsPerKey).encode(), id, bloomOffset);
        append(bloomFrame);
        SegmentFooter footer = new SegmentFooter(indexOffset, indexFrame.length, bloomOffset, bloomFrame.length,
                entries, minSeq, maxSeq, id);
        append(footer.encode());
        drain();
        channel.force(true);
        channel.close();
        finished = true;
        return new SegmentMeta(id, position, entries, minSeq, maxSeq);
    }

    /** Closes; a segment that was not finished is deleted. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
