package dev.strata.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * The floor under any durable commit from Java on this disk: append the entry's bytes (16-byte key + 100-byte
 * value = 116 bytes) to a file and {@code FileChannel.force(false)}, once per commit, with no log format, checksum
 * or index. Commits are serialised, as one writer would be.
 * <p>
 * Two files: a growing one ({@code raw-force}), whose every force also journals a new file size, and one kept
 * zero-filled 1 MiB ahead of the records exactly as the file engine's fsync log is ({@code raw-force-prealloc}),
 * whose forces only write over blocks that exist: the like-for-like floor for the engine. A third,
 * {@code raw-force-prealloc-slot}, also rewrites 48 bytes in the file's second page before each force, as the
 * Xodus engine's preallocated log writes an end slot into its header: the price of that second page, alone.
 */
final class ForcedAppendLog implements CommitTarget {

    /** As the file engine's {@code LogFile.ZERO_FILL_BYTES}. */
    private static final int ZERO_FILL_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    private final ScratchDirectory directory = new ScratchDirectory("raw-force-");
    private final FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocateDirect(4096);
    private final boolean preallocated;
    private final ByteBuffer slot;
    private long end;
    private long size;

    ForcedAppendLog() {
        this(false);
    }

    ForcedAppendLog(boolean preallocated) {
        this(preallocated, false);
    }

    /** @param headerSlot rewrite 48 bytes at offset 4096 before each force (records start at 8192) */
    ForcedAppendLog(boolean preallocated, boolean headerSlot) {
        this.preallocated = preallocated;
        this.slot = headerSlot ? ByteBuffer.allocateDirect(48) : null;
        this.end = headerSlot ? 8192 : 0;
        try {
            channel = FileChannel.open(directory.path().resolve("log"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void commit(String key, byte[] value) {
        record.clear().put(key.getBytes(StandardCharsets.UTF_8)).put(value).flip();
        try {
            if (preallocated && end + record.remaining() > size) {
                long target = end + record.remaining() + ZERO_FILL_BYTES;
                for (long at = Math.max(size, end); at < target; ) {
                    ByteBuffer zeros = ZEROS.duplicate();
                    zeros.limit((int) Math.min(zeros.capacity(), target - at));
                    at += channel.write(zeros, at);
                }
                size = target;
            }
            while (record.hasRemaining()) {
                end += channel.write(record, end);
            }
            if (slot != null) {
                slot.clear().putLong(0, end);
                channel.write(slot, 4096);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            directory.close();
        }
    }
}
