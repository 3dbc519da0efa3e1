package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import jetbrains.exodus.ExodusException;
import jetbrains.exodus.io.Block;

/**
 * One Xodus log file as {@link PreallocatedLog} keeps it: Xodus's {@link Block} (its address, its logical length,
 * reads clipped to that length), the open channel every reader and the writer share, and the writer's state of
 * the file's header. A {@linkplain #preallocated() preallocated} file has a {@link LogFileHeader} before Xodus's
 * bytes and zeros after them; a plain file (written by Xodus's own file provider before this engine preallocated)
 * holds only Xodus's bytes, its physical length being its logical one.
 */
final class LogFile implements Block {

    private final long address;
    private final Path path;
    private final LogStorage storage;
    /** Where Xodus's bytes begin: {@link LogFileHeader#BYTES}, or 0 for a plain file. */
    private final int offset;
    /** Xodus's bytes in the file (its logical length); written by the writer, read by every reader. */
    private volatile long length;
    private LogStorage.LogChannel channel;
    private boolean removed;

    // the writer's state of a preallocated file, guarded by the writer's lock
    /** The sequence number and end of the last header slot written (the generation of trailing slots). */
    long slotSequence;
    long slotEnd;
    /** The sequence number of the last trailing slot written in that generation, 0 when none was. */
    long trailSequence;
    /** The end the last slot written vouches for, header or trailing. */
    long vouchedEnd;
    /**
     * The physical position writes must stay below: where the region of the newest durable trailing slot, or of
     * the one being forced, begins ({@link TrailingSlot#regionStart}); no limit while only header slots vouch.
     */
    long protectFrom = Long.MAX_VALUE;
    /** CRC32C of the bytes written since the last header slot's end. */
    final CRC32C span = new CRC32C();
    /** The physical length up to which the file is zero-filled (or written). */
    long zeroedTo;

    LogFile(long address, Path path, LogStorage storage, boolean preallocated, long length,
            LogStorage.LogChannel channel) {
        this.address = address;
        this.path = path;
        this.storage = storage;
        this.offset = preallocated ? LogFileHeader.BYTES : 0;
        this.length = length;
        this.channel = channel;
    }

    boolean preallocated() {
        return offset > 0;
    }

    Path path() {
        return path;
    }

    void setLength(long length) {
        this.length = length;
    }

    @Override
    public long getAddress() {
        return address;
    }

    @Override
    public long length() {
        return length;
    }

    /** Reads Xodus's bytes at {@code position}, never past the logical end (the zeros after it are not Xodus's). */
    @Override
    public int read(byte[] output, long position, int off, int count) {
        long available = length - position;
        if (available <= 0) {
            return 0;
        }
        ByteBuffer target = ByteBuffer.wrap(output, off, (int) Math.min(count, available));
        try {
            while (target.hasRemaining()) {
                if (read(target, offset + position + target.position() - off) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new ExodusException("Can't read file " + path, e);
        }
        return target.position() - off;
    }

    @Override
    public Block refresh() {
        return this;
    }

    /** A read at a physical position, through the shared channel. */
    int read(ByteBuffer target, long physical) throws IOException {
        try {
            return channel().read(target, physical);
        } catch (ClosedByInterruptException e) {
            return afterInterrupt(() -> channel().read(target, physical));
        }
    }

    /** Writes all of {@code source} at a physical position. */
    void writeFully(ByteBuffer source, long physical) throws IOException {
        long at = physical;
        while (source.hasRemaining()) {
            long position = at;
            int written;
            try {
                written = channel().write(source, position);
            } catch (ClosedByInterruptException e) {
                written = afterInterrupt(() -> channel().write(source, position));
            }
            at += written;
        }
    }

    /** Writes Xodus's bytes at a logical position. */
    void writeLogical(byte[] bytes, int off, int len, long position) throws IOException {
        writeFully(ByteBuffer.wrap(bytes, off, len), offset + position);
    }

    void force() throws IOException {
        try {
            channel().force();
        } catch (ClosedByInterruptException e) {
            afterInterrupt(() -> {
                channel().force();
                return 0;
            });
        }
    }

    long physicalSize() throws IOException {
        return channel().size();
    }

    void truncatePhysical(long size) throws IOException {
        channel().truncate(size);
    }

    private interface Io {
        int run() throws IOException;
    }

    /**
     * A thread interrupted during an I/O call closes a file channel for every thread: the file is reopened and the
     * (positional, so repeatable) call made again with the interrupt cleared, then the interrupt is restored.
     */
    private int afterInterrupt(Io io) throws IOException {
        Thread.interrupted();
        try {
            synchronized (this) {
                channel = null;
            }
            return io.run();
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized LogStorage.LogChannel channel() throws IOException {
        if (removed) {
            throw new IOException("log file " + path + " was removed");
        }
        if (channel == null) {
            channel = storage.open(path, false);
        }
        return channel;
    }

    /** Closes the channel; {@code removed}: the file is going away, later reads fail instead of reopening it. */
    synchronized void close(boolean removed) {
        this.removed |= removed;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                channel = null;
            }
        }
    }
}
