package org.example.strata.sortedfile.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.strata.api.ConflictException;
import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

/**
 * One open store: the committed data as an immutable sorted map, replaced as a whole on every commit.
 * <p>
 * <b>The trade-off.</b> A commit copies the whole map and rewrites the whole file, so it costs time proportional to
 * the store's size, not to the size of the transaction. In exchange the engine is short and obviously correct:
 * readers take a reference to the current map and never lock, a snapshot can never change under them, and the file
 * on disk is always one complete, checksummed state. That is right for small stores and for learning the SPI; a
 * real engine would keep a log of changes and a persistent (structure-sharing) tree instead.
 * <p>
 * <b>Conflicts.</b> Every commit gets the next version number, and the engine remembers the version that last wrote
 * each key (deletes included). A read-write transaction remembers the version of its snapshot; at commit, if any key
 * it wrote was written by a later version, it lost the race (first committer wins) and gets a
 * {@link ConflictException} with nothing applied. Versions older than every open writer's snapshot cannot conflict
 * with anything any more and are forgotten, so that memory stays bounded by recent activity.
 * <p>
 * <b>Durability.</b> {@code FSYNC} and {@code OS} write the file before commit returns ({@code FSYNC} also forces
 * file and directory to the device); {@code NONE} writes it only at {@link #checkpoint()} and {@link #close()}. A
 * failed write fails the commit and turns the engine read-only: it never acknowledges what it may not have saved.
 */
final class SortedFileEngine implements StorageEngine {

    /** One committed state: immutable once published. */
    record Snapshot(long version, NavigableMap<byte[], byte[]> data, long bytes) {
    }

    private final EngineConfig config;
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** Readers take this without locking; commits replace it while holding the engine's monitor. */
    private volatile Snapshot committed;

    // Guarded by "this": the commit path, which is short next to the file write it already serialises.
    private final NavigableMap<byte[], Long> lastWriteVersion = new TreeMap<>(ByteKeys.ORDER);
    private final NavigableMap<Long, Integer> openWriterSnapshots = new TreeMap<>();
    private boolean unsaved;
    private volatile String readOnlyReason;
    private volatile boolean closed;

    private SortedFileEngine(EngineConfig config, FileChannel lockChannel, FileLock lock, Snapshot initial) {
        this.config = config;
        this.directory = config.directory();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.committed = initial;
    }

    /** Takes the directory's lock, drops a temp file a crash left behind, and loads {@code data.bin}. */
    static SortedFileEngine open(EngineConfig config) {
        Path directory = config.directory();
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StorageException("store '" + config.storeName() + "': " + directory
                        + " is in use by another process");
            }
            Files.deleteIfExists(directory.resolve(DataFile.TEMP_NAME));
            NavigableMap<byte[], byte[]> data = DataFile.read(directory.resolve(DataFile.NAME));
            long bytes = 0;
            for (Map.Entry<byte[], byte[]> entry : data.entrySet()) {
                bytes += entry.getKey().length + entry.getValue().length;
            }
            return new SortedFileEngine(config, channel, lock, new Snapshot(0, Collections.unmodifiableNavigableMap(data), bytes));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw new StorageException("store '" + config.storeName() + "': cannot open " + directory + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process: a second open of the same directory
        }
    }

    @Override
    public EngineTransaction begin(TransactionMode mode) {
        checkNotClosed();
        if (mode == TransactionMode.READ_ONLY) {
            return new SortedFileTransaction(this, mode, committed);
        }
        synchronized (this) {
            checkWritable();
            Snapshot snapshot = committed;
            openWriterSnapshots.merge(snapshot.version(), 1, Integer::sum);
            return new SortedFileTransaction(this, mode, snapshot);
        }
    }

    /**
     * Checks for conflicts, then publishes a copy of the committed map with the writes applied ({@code null} value:
     * delete). Called once per read-write transaction with writes; the transaction is finished either way.
     *
     * @return the version the commit published (its commit sequence)
     */
    synchronized long commit(Snapshot base, NavigableMap<byte[], byte[]> writes) {
        try {
            checkNotClosed();
            checkWritable();
            for (byte[] key : writes.keySet()) {
                Long written = lastWriteVersion.get(key);
                if (written != null && written > base.version()) {
                    throw new ConflictException("store '" + config.storeName() + "': key " + ByteKeys.toDisplay(key)
                            + " was changed by a transaction that committed after this one began");
                }
            }
            Snapshot current = committed;
            Snapshot next = apply(current, writes);
            if (config.durability() != Durability.NONE) {
                save(next.data(), config.durability() == Durability.FSYNC);
            } else {
                unsaved = true;
            }
            committed = next;
            for (byte[] key : writes.keySet()) {
                lastWriteVersion.put(key, next.version());
            }
            return next.version();
        } finally {
            release(base);
        }
    }

    private static Snapshot apply(Snapshot current, NavigableMap<byte[], byte[]> writes) {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(current.data());
        long bytes = current.bytes();
        for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
            byte[] old = write.getValue() == null ? copy.remove(write.getKey()) : copy.put(write.getKey(), write.getValue());
            bytes -= old == null ? 0 : write.getKey().length + old.length;
            bytes += write.getValue() == null ? 0 : write.getKey().length + write.getValue().length;
        }
        return new Snapshot(current.version() + 1, Collections.unmodifiableNavigableMap(copy), bytes);
    }

    /** A read-write transaction ended: its snapshot no longer pins conflict versions. */
    synchronized void release(Snapshot base) {
        openWriterSnapshots.computeIfPresent(base.version(), (version, count) -> count == 1 ? null : count - 1);
        long oldestNeeded = openWriterSnapshots.isEmpty() ? committed.version() : openWriterSnapshots.firstKey();
        lastWriteVersion.values().removeIf(version -> version <= oldestNeeded);
    }

    /** Writes the file; on failure the engine goes read-only and the caller's commit fails. */
    private void save(NavigableMap<byte[], byte[]> data, boolean force) {
        try {
            DataFile.write(directory, data, force);
            unsaved = false;
        } catch (IOException e) {
            readOnlyReason = "store '" + config.storeName() + "' is read-only after a failed write of "
                    + directory.resolve(DataFile.NAME) + ": " + e.getMessage();
            throw new StorageException(readOnlyReason, e);
        }
    }

    @Override
    public EngineMetrics metrics() {
        Snapshot snapshot = committed;
        long diskBytes;
        try {
            Path file = directory.resolve(DataFile.NAME);
            diskBytes = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            diskBytes = -1;
        }
        // No write-ahead log and no cache: those figures are -1 ("not tracked").
        return new EngineMetrics(snapshot.data().size(), snapshot.bytes(), diskBytes, -1, -1, -1, "n/a",
                Map.of("commitVersion", snapshot.version()));
    }

    @Override
    public boolean isReadOnly() {
        return readOnlyReason != null;
    }

    /** What strata:stores shows for this store while it is read-only: the failed write. */
    @Override
    public String readOnlyReason() {
        String reason = readOnlyReason;
        return reason == null ? "" : reason;
    }

    /** Makes everything committed durable, whatever the durability level. */
    @Override
    public synchronized void checkpoint() {
        checkNotClosed();
        if (!isReadOnly()) {
            save(committed.data(), true);
        }
    }

    /** The in-memory walk of the default, plus a check of the file's checksum and structure. */
    @Override
    public VerifyResult verify() {
        VerifyResult inMemory = StorageEngine.super.verify();
        try {
            DataFile.read(directory.resolve(DataFile.NAME));
        } catch (StorageException e) {
            return VerifyResult.damaged(inMemory.keys(), inMemory.bytes(), e.getMessage());
        }
        return inMemory;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true; // open transactions can no longer commit
        try {
            if (unsaved && !isReadOnly()) {
                save(committed.data(), true);
            }
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // the channel close below releases the lock as well
            }
            closeQuietly(lockChannel);
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new StoreUnavailableException("store '" + config.storeName() + "' is closed");
        }
    }

    private void checkWritable() {
        String reason = readOnlyReason;
        if (reason != null) {
            throw new ReadOnlyException(reason);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release; the open or close that called this reports the real failure
            }
        }
    }
}
