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

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 16);

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

    /** A new file's header (magic, slot 1 vouching for nothing) and first zeros, forced before Xodus writes. */
    void initialise(long ahead, long limit) throws IOException {
        writeFully(LogFileHeader.magicPage(), 0);
        slotSequence = 0;
        span.reset();
        writeHeaderSlot(0, 0);
        zeroedTo = LogFileHeader.BYTES;
        zeroAhead(LogFileHeader.BYTES, ahead, limit);
        force();
    }

    /**
     * Writes the next header slot, vouching for {@code [prevEnd, end)} by the CRC gathered since the last one: a new
     * generation, in which no trailing slot of an older one counts.
     */
    void writeHeaderSlot(long prevEnd, long end) throws IOException {
        long sequence = slotSequence + 1;
        LogFileHeader.Slot slot = new LogFileHeader.Slot(sequence, prevEnd, end, (int) span.getValue());
        writeFully(LogFileHeader.encode(address, slot), LogFileHeader.slotPosition(sequence));
        slotSequence = sequence;
        slotEnd = end;
        vouchedEnd = end;
        trailSequence = 0;
        span.reset();
    }

    /**
     * Writes the next trailing slot of the current generation, vouching for {@code [slotEnd, end)} by the CRC
     * gathered since the generation's header slot. Writes must stay below its region from now on.
     */
    void writeTrailingSlot(long end) throws IOException {
        long sequence = trailSequence + 1;
        TrailingSlot.Slot slot = new TrailingSlot.Slot(slotSequence, sequence, slotEnd, end, (int) span.getValue());
        protectFrom = Math.min(protectFrom, TrailingSlot.regionStart(end));
        writeFully(TrailingSlot.encode(address, slot), TrailingSlot.position(end, sequence));
        trailSequence = sequence;
        vouchedEnd = end;
    }

    /**
     * Writes the slot that a force of everything written so far makes durable: a trailing slot when allowed and
     * the force vouches for few enough bytes, else a header slot. Returns the end a trailing slot vouches for, or
     * -1 (a header slot, or nothing new to vouch for).
     */
    long writeSlotForForce(boolean trailingAllowed) throws IOException {
        long end = length;
        if (!preallocated() || end <= vouchedEnd) {
            return -1;
        }
        if (trailingAllowed && end - vouchedEnd <= TrailingSlot.MOST_BYTES_PER_FORCE
                && end - slotEnd <= TrailingSlot.GENERATION_SPAN) {
            writeTrailingSlot(end);
            return end;
        }
        writeHeaderSlot(slotEnd, end);
        return -1;
    }

    /** After a force of what {@link #writeSlotForForce} returned: which trailing slot writes must keep clear of. */
    void forced(long trailingEnd) {
        if (trailingEnd >= 0) {
            protectFrom = TrailingSlot.regionStart(trailingEnd); // the newest durable slot now
        } else if (trailSequence == 0) {
            protectFrom = Long.MAX_VALUE; // a durable header slot vouches; no trailing slot is relied on
        }
    }

    /** Whether appending {@code bytes} would reach the region of the trailing slot relied on ({@link #protectFrom}). */
    boolean wouldReachTrailingSlot(int bytes) {
        return LogFileHeader.BYTES + length + bytes > protectFrom;
    }

    /** Rewrites the unforced hint: the header slot that would vouch for everything written so far. */
    void writeHint() throws IOException {
        LogFileHeader.Slot hint = new LogFileHeader.Slot(slotSequence + 1, slotEnd, length, (int) span.getValue());
        writeFully(LogFileHeader.encode(address, hint), LogFileHeader.HINT_POSITION);
    }

    /** Zero-fills the file {@code ahead} bytes past physical position {@code needed} (at most to {@code limit}). */
    void zeroAhead(long needed, long ahead, long limit) throws IOException {
        if (needed + ahead / 2 <= zeroedTo) {
            return;
        }
        long target = Math.min(needed + ahead, limit);
        for (long at = zeroedTo; at < target; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), target - at));
            int length = zeros.remaining();
            writeFully(zeros, at);
            at += length;
        }
        zeroedTo = Math.max(zeroedTo, target);
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

    private interface Retry {
        int run() throws IOException;
    }

    /** One write or force of the file. */
    interface Io {
        void run() throws IOException;
    }

    /**
     * A thread interrupted during an I/O call closes a file channel for every thread: the file is reopened and the
     * (positional, so repeatable) call made again with the interrupt cleared, then the interrupt is restored.
     */
    private int afterInterrupt(Retry io) throws IOException {
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
