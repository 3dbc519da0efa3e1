package dev.strata.backend.file.internal.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.strata.api.CorruptionException;
import dev.strata.backend.file.internal.cache.BlockCache;
import dev.strata.backend.file.internal.codec.BlockCodec;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.format.MalformedDataException;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.read.EntryIterator;

/**
 * An open segment: footer, block index and Bloom filter in memory, data blocks read on demand through the block
 * cache. Thread-safe (positional reads). Reference-counted by the read views that include it: the file is closed
 * when the last view lets go, and deleted then if compaction replaced it.
 * <p>
 * A segment whose footer, index or filter is damaged opens as <em>broken</em>: every read of it throws the
 * {@link CorruptionException}, so a lookup never silently misses data it may hold.
 */
public final class SegmentReader {

    private final Path file;
    private final SegmentMeta meta;
    private final FileChannel channel;
    private final BlockCodec codec;
    private final BlockCache<DataBlock> cache;
    private final BlockIndex index;
    private final BloomFilter bloom;
    private final CorruptionException broken;
    private final AtomicInteger references = new AtomicInteger();
    private volatile boolean obsolete;
    /** Told of damage found by reads after open, so that the store turns read-only and reports it. */
    private volatile Consumer<CorruptionException> onDamage = damage -> { };
    /** Decides, once the last reader lets go of an obsolete segment, whether its file may go now. */
    private volatile Predicate<SegmentReader> mayDelete = segment -> true;

    private SegmentReader(Path file, SegmentMeta meta, FileChannel channel, BlockCodec codec,
            BlockCache<DataBlock> cache, BlockIndex index, BloomFilter bloom, CorruptionException broken) {
        this.file = file;
        this.meta = meta;
        this.channel = channel;
        this.codec = codec;
        this.cache = cache;
        this.index = index;
        this.bloom = bloom;
        this.broken = broken;
    }

    /**
     * Opens a segment; damage makes a broken reader (see {@link #problem()}), a missing file or I/O error throws.
     */
    public static SegmentReader open(Path file, SegmentMeta meta, ChannelFactory channels, BlockCodec codec,
            BlockCache<DataBlock> cache) {
        FileChannel channel;
        try {
            channel = channels.open(file, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            return new SegmentReader(file, meta, null, codec, cache, null, null,
                    new CorruptionException("segment named by the manifest is missing", file.toString(), 0));
        } catch (IOException e) {
            throw IoFailures.failed("opening segment", file, e);
        }
        String name = file.toString();
        long offset = 0;
        try {
            long size = channel.size();
            if (size < SegmentFooter.HEADER_BYTES + SegmentFooter.BYTES) {
                throw new CorruptionException("segment is too short (" + size + " bytes)", name, 0);
            }
            byte[] header = read(channel, 0, SegmentFooter.HEADER_BYTES, name);
            if (!Arrays.equals(Arrays.copyOf(header, 8), SegmentFooter.HEADER_MAGIC) || ByteSink.readLong(header, 8) != meta.id()) {
                throw new CorruptionException("segment header is wrong", name, 0);
            }
            offset = size - SegmentFooter.BYTES;
            SegmentFooter footer = SegmentFooter.decode(read(channel, offset, SegmentFooter.BYTES, name), size);
            if (footer.segmentId() != meta.id() || footer.entries() != meta.entries() || size != meta.bytes()) {
                throw new CorruptionException("segment does not match the manifest", name, offset);
            }
            offset = footer.indexOffset();
            BlockIndex index = BlockIndex.decode(codec.open(read(channel, offset, footer.indexLength(), name),
                    meta.id(), offset, name), SegmentFooter.HEADER_BYTES, footer.indexOffset());
            offset = footer.bloomOffset();
            BloomFilter bloom = BloomFilter.decode(codec.open(read(channel, offset, footer.bloomLength(), name),
                    meta.id(), offset, name));
            return new SegmentReader(file, meta, channel, codec, cache, index, bloom, null);
        } catch (MalformedDataException e) {
            return new SegmentReader(file, meta, channel, codec, cache, null, null,
                    new CorruptionException("segment structure is damaged: " + e.getMessage(), name, offset));
        } catch (CorruptionException e) {
            return new SegmentReader(file, meta, channel, codec, cache, null, null, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw IoFailures.failed("reading segment", file, e);
        }
    }

    /**
     * What a segment file's footer says of it, for safe mode when no manifest is usable; {@code null} when the
     * file is too damaged to tell.
     */
    public static SegmentMeta describe(Path file, long id) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < SegmentFooter.HEADER_BYTES + SegmentFooter.BYTES) {
                return null;
            }
            SegmentFooter footer = SegmentFooter.decode(read(channel, size - SegmentFooter.BYTES,
                    SegmentFooter.BYTES, file.toString()), size);
            return footer.segmentId() != id ? null
                    : new SegmentMeta(id, size, footer.entries(), footer.minSeq(), footer.maxSeq());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] read(FileChannel channel, long position, int length, String name) throws IOException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new CorruptionException("segment ends early", name, position);
            }
        }
        return bytes;
    }

    public SegmentMeta meta() {
        return meta;
    }

    public Path file() {
        return file;
    }

    /** The damage found when opening, or {@code null} when the segment is sound. */
    public CorruptionException problem() {
        return broken;
    }

    private void checkSound() {
        if (broken != null) {
            throw new CorruptionException(broken.getMessage(), file.toString(), broken.offset(), broken);
        }
    }

    /**
     * Looks the key up; fills {@code into} and returns true when this segment has a version (value or tombstone).
     *
     * @param hash {@link BloomFilter#hash} of the key, computed once per lookup across segments
     */
    public boolean find(byte[] key, long hash, DataBlock.Cursor into) {
        checkSound();
        if (!bloom.mightContain(hash)) {
            return false;
        }
        int b = index.find(key);
        if (b == index.blockCount()) {
            return false;
        }
        DataBlock block = block(b, true);
        return block.readIfKey(block.seek(key), key, into);
    }

    DataBlock block(int b, boolean useCache) {
        long offset = index.offset(b);
        if (!useCache) {
            return loadBlock(offset, index.length(b));
        }
        return cache.get(meta.id(), offset, () -> loadBlock(offset, index.length(b)));
    }

    private DataBlock loadBlock(long offset, int length) {
        return loadBlock(offset, length, false);
    }

    private DataBlock loadBlock(long offset, int length, boolean fullCheck) {
        String name = file.toString();
        try {
            byte[] raw = codec.open(read(channel, offset, length, name), meta.id(), offset, name);
            DataBlock block = DataBlock.parse(raw);
            if (fullCheck) {
                block.verify();
            }
            return block;
        } catch (MalformedDataException e) {
            CorruptionException damage = new CorruptionException("data block is damaged: " + e.getMessage(), name, offset);
            onDamage.accept(damage);
            throw damage;
        } catch (CorruptionException e) {
            onDamage.accept(e);
            throw e;
        } catch (IOException e) {
            throw IoFailures.failed("reading segment", file, e);
        }
    }

    /** Where damage found by later reads is reported (the store's safe mode). */
    public void onDamage(Consumer<CorruptionException> listener) {
        this.onDamage = listener;
    }

    /** Who decides whether an obsolete segment's file may be deleted when its last reader lets go. */
    public void deleteWhen(Predicate<SegmentReader> rule) {
        this.mayDelete = rule;
    }

    /** Keys in {@code [lower, upper)}, either open when null. Compaction passes {@code useCache=false}. */
    public EntryIterator iterator(byte[] lower, byte[] upper, boolean reverse, boolean useCache) {
        checkSound();
        if ((upper != null && Arrays.compareUnsigned(upper, index.firstKey()) <= 0)
                || (lower != null && Arrays.compareUnsigned(lower, index.lastKey()) > 0)) {
            return new SegmentIterator(this, index, 0, -1, lower, upper, reverse, useCache);
        }
        int startBlock;
        if (reverse) {
            startBlock = upper == null ? index.blockCount() - 1 : Math.min(index.find(upper), index.blockCount() - 1);
        } else {
            startBlock = lower == null ? 0 : index.find(lower);
        }
        return new SegmentIterator(this, index, startBlock, index.blockCount(), lower, upper, reverse, useCache);
    }

    /** Reads and checks every block; throws the first damage found. */
    public void verify() {
        checkSound();
        for (int b = 0; b < index.blockCount(); b++) {
            loadBlock(index.offset(b), index.length(b), true);
        }
    }

    /** The key ids the data blocks were encrypted with (-1 for unencrypted blocks). */
    public Set<Integer> keyIds() {
        checkSound();
        Set<Integer> ids = new TreeSet<>();
        try {
            for (int b = 0; b < index.blockCount(); b++) {
                ids.add(BlockCodec.keyIdOf(read(channel, index.offset(b), BlockCodec.HEADER_BYTES, file.toString())));
            }
        } catch (IOException e) {
            throw IoFailures.failed("reading segment", file, e);
        }
        return ids;
    }

    public void retain() {
        references.incrementAndGet();
    }

    /** Lets go of one reference; the last one closes the file (and deletes it when obsolete). */
    public void release() {
        if (references.decrementAndGet() == 0) {
            closeQuietly(channel);
            cache.invalidateFile(meta.id());
            if (obsolete && mayDelete.test(this)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // an obsolete segment left behind is deleted as an orphan at the next open
                }
            }
        }
    }

    /** Compaction replaced this segment: delete the file once no reader holds it. */
    public void markObsolete() {
        obsolete = true;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return; // a missing segment
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only file: nothing is lost
        }
    }
}
