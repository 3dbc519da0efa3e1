package dev.strata.backend.file.internal;

import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.strata.api.ConflictException;
import dev.strata.api.Durability;
import dev.strata.api.StorageException;
import dev.strata.api.spi.support.ConflictTracker;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.WriteSet;
import dev.strata.backend.file.internal.format.Checksums;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.wal.WalWriter;

/**
 * Commits transactions in one order: under the commit lock, check for conflicts (first committer wins), take the
 * next sequence number, append the log record and add the versions to the active memory table; then, outside the
 * lock, wait for the group force ({@code fsync}). A commit becomes visible to new snapshots only once it is as
 * durable as the store's level promises. Also rotates the log and memory table when either is full.
 */
final class CommitPipeline {

    private final EngineContext context;
    private final Runnable flushRequest;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object flushProgress = new Object();
    private WalWriter wal;
    private MemTable active;
    private long lastSeq;
    /**
     * Which commit last wrote each recently written key, back to the oldest snapshot a reader holds: what the
     * conflict checks compare a committing transaction's writes and reads with. Guarded by {@link #lock}.
     */
    private final ConflictTracker conflicts;

    /** @param wal the open log, {@code null} for a store opened read-only */
    CommitPipeline(EngineContext context, WalWriter wal, MemTable active, long lastSeq, Runnable flushRequest) {
        this.context = context;
        this.wal = wal;
        this.active = active;
        this.lastSeq = lastSeq;
        this.flushRequest = flushRequest;
        this.conflicts = new ConflictTracker(context.storeName);
    }

    /**
     * Writes a transaction's write set (value {@code null}: delete) read at snapshot {@code snapshotSeq}.
     *
     * @return the commit's log sequence number
     */
    long commit(long snapshotSeq, WriteSet writeSet, ReadSet reads) {
        NavigableMap<byte[], byte[]> writes = writeSet.entries();
        byte[] plain = context.walCodec.encode(writes);
        boolean seals = context.walCodec.encrypts();
        int plainCrc = seals ? 0 : Checksums.crc32c(plain, 0, plain.length);
        byte[] payload = plain;
        WalWriter writer;
        long end;
        long committed;
        lock.lock();
        try {
            context.checkWritable();
            checkConflicts(snapshotSeq, writeSet, reads);
            long seq = lastSeq + 1;
            int crc = plainCrc;
            if (seals) { // encrypted for its place (file, offset, sequence): known only here
                payload = context.walCodec.seal(plain, wal.number(), wal.bytes(), seq);
                crc = Checksums.crc32c(payload, 0, payload.length);
            }
            try {
                end = wal.append(seq, payload, crc);
            } catch (IOException e) {
                throw failed("writing the log", e);
            }
            lastSeq = seq;
            committed = seq;
            long oldestNeeded = context.views().oldestNeeded();
            long bytes = 0;
            for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
                active.put(write.getKey(), seq, write.getValue(), oldestNeeded);
                bytes += write.getKey().length + (write.getValue() == null ? 0 : write.getValue().length);
            }
            context.stats.commits.increment();
            context.stats.userBytes.add(bytes);
            context.stats.walBytesWritten.add(payload.length + 20L);
            conflicts.recordCommit(writeSet.keys(), seq);
            conflicts.forgetUpTo(oldestNeeded);
            writer = wal;
            context.applied(seq); // visible now, or (fsync) once a force covers it too
            if (active.bytes() >= context.settings.memtableBytes() || wal.bytes() >= context.settings.walMaxBytes()) {
                rotate();
            }
        } finally {
            lock.unlock();
        }
        if (context.durability == Durability.FSYNC) {
            try {
                writer.sync(end);
            } catch (StorageException e) {
                context.turnReadOnly(e);
                throw e;
            }
        }
        return committed;
    }

    /**
     * First committer wins on every key written (puts and tombstones); a serializable transaction's reads must be
     * unchanged since its snapshot too. Checked for every key before anything is applied.
     */
    private void checkConflicts(long snapshotSeq, WriteSet writes, ReadSet reads) {
        try {
            conflicts.checkWrites(writes.keys(), snapshotSeq);
            if (reads != null) {
                conflicts.checkReads(reads, snapshotSeq);
            }
        } catch (ConflictException e) {
            context.stats.conflicts.increment();
            throw e;
        }
    }

    /** Seals the active table and log file (forcing it) and starts new ones; the caller holds the lock. */
    private void rotate() {
        waitForFlushRoom();
        try {
            wal.forceAll();
        } catch (IOException e) {
            throw failed("forcing the log", e);
        }
        long number = context.nextFileNumber();
        WalWriter next;
        try {
            next = WalWriter.create(context.directory, number, context.channels, context.durability, context::durable);
        } catch (IOException e) {
            throw failed("creating a log file", e);
        }
        closeWal();
        wal = next;
        MemTable table = context.newMemTable(number);
        context.views().update(view -> view.withActive(table));
        active = table;
        flushRequest.run();
    }

    /** Writers wait while too many sealed tables wait for flush, so memory stays bounded. */
    private void waitForFlushRoom() {
        synchronized (flushProgress) {
            while (pendingTables() >= context.settings.maxImmutableMemtables()) {
                context.checkWritable();
                flushRequest.run();
                try {
                    flushProgress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while waiting for a flush");
                }
            }
        }
    }

    private int pendingTables() {
        ReadView view = context.views().retainCurrent();
        try {
            return view.memtables().size() - 1;
        } finally {
            view.release();
        }
    }

    /** Called by the flusher after each flush. */
    void flushed() {
        synchronized (flushProgress) {
            flushProgress.notifyAll();
        }
    }

    /**
     * For a checkpoint: makes everything committed durable and, when the active table holds anything, seals it
     * so that the flusher can write it out.
     */
    void sealForCheckpoint() {
        lock.lock();
        try {
            context.checkWritable();
            if (!active.isEmpty()) {
                rotate();
            } else {
                wal.forceAll();
            }
        } catch (IOException e) {
            throw failed("forcing the log", e);
        } finally {
            lock.unlock();
        }
    }

    /** Buffered records out to the OS (durability {@code none}), for the timer. */
    void flushBuffer() {
        lock.lock();
        try {
            if (wal != null && !context.isReadOnly()) {
                wal.flushBuffer();
            }
        } catch (IOException e) {
            context.turnReadOnly(failed("writing the log", e));
        } finally {
            lock.unlock();
        }
    }

    long walBytes() {
        lock.lock();
        try {
            return wal == null ? 0 : wal.bytes();
        } finally {
            lock.unlock();
        }
    }

    long walForces() {
        lock.lock();
        try {
            return wal == null ? 0 : wal.forces();
        } finally {
            lock.unlock();
        }
    }

    /** At close: everything committed reaches the disk, then the log is closed. */
    void close() {
        lock.lock();
        try {
            if (wal != null && !context.isReadOnly()) {
                wal.forceAll();
            }
        } catch (IOException e) {
            context.turnReadOnly(failed("forcing the log at close", e));
        } finally {
            closeWal();
            wal = null;
            lock.unlock();
        }
    }

    private void closeWal() {
        if (wal != null) {
            context.stats.walForces.add(wal.forces());
            try {
                wal.close();
            } catch (IOException e) {
                context.log.log(System.Logger.Level.WARNING, "closing log file " + wal.file() + ": " + e.getMessage());
            }
        }
    }

    private StorageException failed(String what, IOException e) {
        StorageException failure = IoFailures.failed(what, wal == null ? context.directory : wal.file(), e);
        context.turnReadOnly(failure);
        return failure;
    }
}
