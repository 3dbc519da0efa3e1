package dev.strata.backend.file.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import dev.strata.api.Durability;
import dev.strata.api.StorageException;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.io.IoFailures;

/**
 * Appends records to one log file and makes them durable with group commit: committers append one after another
 * (under the caller's commit lock), then wait in {@link #sync}; one of them (the leader) forces the file for all
 * that appended before the force began, the others wait and return with it ({@link GroupCommit}).
 * <p>
 * With {@link Durability#OS} every record is written before commit returns. With {@code NONE} records collect in a
 * buffer that is written when full, at rotation and at close; with {@code FSYNC} too, and the leader of each
 * force writes the buffer out first, so a group of commits costs one write and one force.
 * <p>
 * A failed write or force is final for this writer: it is remembered, every later sync fails with it, and the
 * engine turns read-only. Nothing is retried, so nothing unforced is ever acknowledged.
 */
public final class WalWriter implements AutoCloseable {

    /** Buffered records are written out once they pass this size, whoever leads the next force. */
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final long number;
    private final FileChannel channel;
    /** Guarded by {@link #writeLock}. */
    private final LogFile log;
    private final Durability durability;
    private final LongConsumer durableUpTo;
    private final GroupCommit group;
    /** One channel writer at a time, so buffers reach the file in log order. Taken before {@link #bufferLock}. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object bufferLock = new Object();
    /** Records appended but not yet written ({@code null} with durability {@code os}); swapped with the spare. */
    private ByteSink pending;
    private ByteSink spare;
    private volatile long appended;
    private long lastSeq;

    private WalWriter(Path file, long number, FileChannel channel, Durability durability, LongConsumer durableUpTo) {
        this.file = file;
        this.number = number;
        this.channel = channel;
        // zero-filled ahead only where forces are on the commit path
        this.log = new LogFile(channel, WalFormat.FILE_HEADER_BYTES, durability == Durability.FSYNC);
        this.durability = durability;
        this.durableUpTo = durableUpTo;
        if (durability != Durability.OS) {
            this.pending = new ByteSink(BUFFER_BYTES + 4096);
            this.spare = new ByteSink(BUFFER_BYTES + 4096);
        }
        this.group = new GroupCommit(this::writeAndForce, WalFormat.FILE_HEADER_BYTES);
    }

    /**
     * Creates the file with its header: written and forced under a temporary name, then renamed and the directory
     * forced. So a log file's name never exists without its whole header on disk, and a log file shorter than
     * its header is damage (records that were acknowledged are gone), never a crash during creation.
     *
     * @param durableUpTo told the highest sequence number made durable by each force
     */
    public static WalWriter create(Path directory, long number, ChannelFactory channels, Durability durability,
            LongConsumer durableUpTo) throws IOException {
        Path file = directory.resolve(WalFormat.fileName(number));
        Path temp = directory.resolve(WalFormat.tempFileName(number));
        FileChannel channel = channels.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            LogFile.writeFully(channel, ByteBuffer.wrap(WalFormat.fileHeader(number)), 0);
            channel.force(true);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            channels.forceDirectory(directory);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        WalWriter writer = new WalWriter(file, number, channel, durability, durableUpTo);
        writer.appended = WalFormat.FILE_HEADER_BYTES;
        return writer;
    }

    public long number() {
        return number;
    }

    public Path file() {
        return file;
    }

    /** Bytes of the file, buffered ones included. Read by the commit lock's holder (or as an estimate). */
    public long bytes() {
        return appended;
    }

    public long forces() {
        return group.forces();
    }

    /**
     * Appends one record. The caller holds the commit lock, so records and sequence numbers keep their order.
     * With durability {@code os} the record is written at once; otherwise it is buffered, and written by the
     * leader of the next force (one write for the whole group), when the buffer fills, or at rotation and close.
     *
     * @return the end position of the record, to pass to {@link #sync}
     * @throws IOException when the write fails; the writer is then failed for good
     */
    public long append(long seq, byte[] payload, int payloadCrc) throws IOException {
        checkNotFailed();
        byte[] header = WalFormat.recordHeader(payload.length, seq, payloadCrc);
        byte[] trailer = WalFormat.recordTrailer();
        long end = appended + WalFormat.recordBytes(payload.length);
        if (pending == null) {
            // one write per record: header, payload and end mark written apart were three system calls a commit
            ByteBuffer record = ByteBuffer.allocate(header.length + payload.length + trailer.length);
            record.put(header).put(payload).put(trailer).flip();
            writeLock.lock();
            try {
                log.append(record);
            } catch (IOException e) {
                fail(e);
                throw e;
            } finally {
                writeLock.unlock();
            }
            synchronized (bufferLock) {
                appended = end;
                lastSeq = seq;
            }
            return end;
        }
        boolean full;
        synchronized (bufferLock) {
            pending.write(header).write(payload).write(trailer);
            appended = end;
            lastSeq = seq;
            full = pending.size() >= BUFFER_BYTES;
        }
        if (full) {
            drain();
        }
        return end;
    }

    /** Writes out what is buffered; returns how far the file then reaches and the last record in it. */
    private GroupCommit.Extent drain() throws IOException {
        writeLock.lock();
        try {
            ByteSink out;
            GroupCommit.Extent extent;
            synchronized (bufferLock) {
                extent = new GroupCommit.Extent(appended, lastSeq);
                out = pending;
                if (out == null || out.size() == 0) {
                    return extent;
                }
                pending = spare;
                spare = out;
            }
            try {
                log.append(ByteBuffer.wrap(out.array(), 0, out.size()));
            } catch (IOException e) {
                fail(e);
                throw e;
            } finally {
                out.reset();
            }
            return extent;
        } finally {
            writeLock.unlock();
        }
    }

    /** What a force leader does: write out the buffered records (the whole group's, in one write), then force. */
    private GroupCommit.Extent writeAndForce() throws IOException {
        GroupCommit.Extent extent = drain();
        channel.force(false);
        return extent;
    }

    /**
     * Returns once everything up to {@code position} is forced, forcing it if no one else is (group commit, see
     * {@link GroupCommit}).
     *
     * @throws StorageException when the force failed (now or in an earlier round)
     */
    public void sync(long position) {
        try {
            group.awaitDurable(position, durableUpTo);
        } catch (IOException e) {
            throw IoFailures.failed("forcing the log", file, e);
        }
    }

    /** Writes buffered records out; the caller holds the commit lock. */
    public void flushBuffer() throws IOException {
        checkNotFailed();
        drain();
    }

    /**
     * Writes and forces everything, for rotation and close, and cuts the zero-filled stretch: no more records will
     * come. The caller holds the commit lock.
     */
    public void forceAll() throws IOException {
        checkNotFailed();
        GroupCommit.Extent extent;
        try {
            writeLock.lock();
            try {
                extent = drain();
                log.cutAfterLastRecord();
            } finally {
                writeLock.unlock();
            }
            channel.force(false);
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        group.forcedElsewhere(extent.position(), extent.seq(), durableUpTo);
    }

    private void checkNotFailed() throws IOException {
        IOException failure = group.failure();
        if (failure != null) {
            throw new IOException("the log failed before: " + failure.getMessage(), failure);
        }
    }

    private void fail(IOException e) {
        group.fail(e);
    }

    @Override
    public void close() throws IOException {
        group.fail(new IOException("log file " + file.getFileName() + " is closed"));
        channel.close();
    }
}
