package dev.strata.backend.file.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

import dev.strata.api.Durability;
import dev.strata.api.StorageException;
import dev.strata.backend.file.internal.format.ByteSink;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.io.IoFailures;

/**
 * Appends records to one log file and makes them durable with group commit: committers append one after another
 * (under the caller's commit lock), then wait in {@link #sync}; one of them (the leader) forces the file for all
 * that appended before the force began, the others wait and return with it.
 * <p>
 * With {@link Durability#NONE} records collect in a buffer that is written when full, at rotation and at close;
 * with {@code OS} every record is written before commit returns; {@code FSYNC} adds the force.
 * <p>
 * A failed write or force is final for this writer: it is remembered, every later sync fails with it, and the
 * engine turns read-only. Nothing is retried, so nothing unforced is ever acknowledged.
 */
public final class WalWriter implements AutoCloseable {

    private static final int NONE_BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final long number;
    private final FileChannel channel;
    private final Durability durability;
    private final LongConsumer durableUpTo;
    private final ByteSink pending;
    private final Object syncMonitor = new Object();
    private volatile long written;
    private volatile long lastSeq;
    private long appended;
    private long synced;
    private boolean forcing;
    private IOException failure;
    private long forces;

    private WalWriter(Path file, long number, FileChannel channel, Durability durability, LongConsumer durableUpTo) {
        this.file = file;
        this.number = number;
        this.channel = channel;
        this.durability = durability;
        this.durableUpTo = durableUpTo;
        this.pending = durability == Durability.NONE ? new ByteSink(NONE_BUFFER_BYTES + 4096) : null;
    }

    /**
     * Creates the file with its header, forced together with the directory entry.
     *
     * @param durableUpTo told the highest sequence number made durable by each force
     */
    public static WalWriter create(Path directory, long number, ChannelFactory channels, Durability durability,
            LongConsumer durableUpTo) throws IOException {
        Path file = directory.resolve(WalFormat.fileName(number));
        FileChannel channel = channels.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            write(channel, ByteBuffer.wrap(WalFormat.fileHeader(number)));
            channel.force(true);
            channels.forceDirectory(directory);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        WalWriter writer = new WalWriter(file, number, channel, durability, durableUpTo);
        writer.appended = WalFormat.FILE_HEADER_BYTES;
        writer.written = WalFormat.FILE_HEADER_BYTES;
        writer.synced = WalFormat.FILE_HEADER_BYTES;
        return writer;
    }

    public long number() {
        return number;
    }

    public Path file() {
        return file;
    }

    /** Bytes of the file, buffered ones included. */
    public long bytes() {
        return appended;
    }

    public long forces() {
        synchronized (syncMonitor) {
            return forces;
        }
    }

    /**
     * Appends one record. The caller holds the commit lock, so records and sequence numbers keep their order.
     *
     * @return the end position of the record, to pass to {@link #sync}
     * @throws IOException when the write fails; the writer is then failed for good
     */
    public long append(long seq, byte[] payload, int payloadCrc) throws IOException {
        checkNotFailed();
        byte[] header = WalFormat.recordHeader(payload.length, seq, payloadCrc);
        try {
            if (pending != null) {
                pending.write(header).write(payload);
                if (pending.size() >= NONE_BUFFER_BYTES) {
                    drainPending();
                }
            } else {
                write(channel, ByteBuffer.wrap(header), ByteBuffer.wrap(payload));
                written = appended + header.length + payload.length;
            }
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        appended += header.length + payload.length;
        lastSeq = seq;
        return appended;
    }

    private void drainPending() throws IOException {
        write(channel, ByteBuffer.wrap(pending.array(), 0, pending.size()));
        pending.reset();
        written = appended;
    }

    private static void write(FileChannel channel, ByteBuffer... buffers) throws IOException {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        while (total > 0) {
            total -= channel.write(buffers);
        }
    }

    /**
     * Returns once everything up to {@code position} is forced, forcing it if no one else is (group commit).
     *
     * @throws StorageException when the force failed (now or in an earlier round)
     */
    public void sync(long position) {
        boolean interrupted = false;
        try {
            while (true) {
                long target;
                long seq;
                synchronized (syncMonitor) {
                    while (true) {
                        if (synced >= position) {
                            return;
                        }
                        if (failure != null) {
                            throw IoFailures.failed("forcing the log", file, failure);
                        }
                        if (!forcing) {
                            break;
                        }
                        try {
                            syncMonitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the record is in the log already: finish the commit
                        }
                    }
                    forcing = true;
                    seq = lastSeq; // read before written: the record of seq then lies within target
                    target = written;
                }
                force(target, seq);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void force(long target, long seq) {
        IOException error = null;
        try {
            channel.force(false);
        } catch (IOException e) {
            error = e;
        }
        synchronized (syncMonitor) {
            forcing = false;
            if (error == null) {
                forces++;
                synced = Math.max(synced, target);
                durableUpTo.accept(seq);
            } else if (failure == null) {
                failure = error;
            }
            syncMonitor.notifyAll();
        }
    }

    /** Writes buffered records out (durability {@code none}); the caller holds the commit lock. */
    public void flushBuffer() throws IOException {
        checkNotFailed();
        if (pending != null && pending.size() > 0) {
            try {
                drainPending();
            } catch (IOException e) {
                fail(e);
                throw e;
            }
        }
    }

    /** Writes and forces everything, for rotation and close; the caller holds the commit lock. */
    public void forceAll() throws IOException {
        flushBuffer();
        long seq = lastSeq;
        long target = written;
        try {
            channel.force(false);
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        synchronized (syncMonitor) {
            forces++;
            synced = Math.max(synced, target);
            durableUpTo.accept(seq);
            syncMonitor.notifyAll();
        }
    }

    private void checkNotFailed() throws IOException {
        synchronized (syncMonitor) {
            if (failure != null) {
                throw new IOException("the log failed before: " + failure.getMessage(), failure);
            }
        }
    }

    private void fail(IOException e) {
        synchronized (syncMonitor) {
            if (failure == null) {
                failure = e;
            }
            syncMonitor.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (syncMonitor) {
            if (failure == null) {
                failure = new IOException("log file " + file.getFileName() + " is closed");
            }
            syncMonitor.notifyAll();
        }
        channel.close();
    }
}
