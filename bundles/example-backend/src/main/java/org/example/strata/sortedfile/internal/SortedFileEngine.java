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
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;
import dev.strata.api.spi.support.ConflictTracker;
import dev.strata.api.spi.support.EngineState;
import dev.strata.api.spi.support.OpenSnapshots;
import dev.strata.api.spi.support.ReadSet;
import dev.strata.api.spi.support.WriteSet;

/**
 * One open store: the committed data as an immutable sorted map, replaced as a whole on every commit.
 * <p>
 * <b>The trade-off.</b> A commit copies the whole map and rewrites the whole file, so it costs time proportional to
 * the store's size, not to the size of the transaction. In exchange the engine is short and obviously correct:
 * readers take a reference to the current map and never lock, a snapshot can never change under them, and the file
 * on disk is always one complete, checksummed state. That is right for small stores and for learning the SPI; a
 * real engine would keep a log of changes and a persistent (structure-sharing) tree instead.
 * <p>
 * <b>Conflicts.</b> Every commit gets the next version number (its commit sequence, kept in the file so that it keeps
 * growing across restarts). A {@link ConflictTracker} from the SPI's support package remembers the version that
 * last wrote each key (deletes included: a delete is always a write). At commit, if any key the transaction wrote
 * was written by a version after its snapshot, it lost the race (first committer wins) and gets a
 * {@link ConflictException} with nothing applied; a serializable transaction is also checked against what it read
 * ({@link ReadSet}: keys and the ranges its cursors covered). Versions older than every open writer's snapshot
 * ({@link OpenSnapshots}) cannot conflict with anything any more and are forgotten, so that memory stays bounded by
 * recent activity.
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
    private final SortedFileSettings settings;
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EngineState state;

    /** Readers take this without locking; commits replace it while holding the engine's monitor. */
    private volatile Snapshot committed;

    // Guarded by "this": the commit path, which is short next to the file write it already serialises.
    private final ConflictTracker conflicts;
    private final OpenSnapshots openWriters = new OpenSnapshots();
    private boolean unsaved;

    private SortedFileEngine(EngineConfig config, SortedFileSettings settings, FileChannel lockChannel, FileLock lock,
            Snapshot initial) {
        this.config = config;
        this.settings = settings;
        this.directory = config.directory();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.committed = initial;
        this.state = new EngineState(config.storeName());
        this.conflicts = new ConflictTracker(config.storeName());
    }

    /** Takes the directory's lock, drops a temp file a crash left behind, and loads {@code data.bin}. */
    static SortedFileEngine open(EngineConfig config) {
        SortedFileSettings settings = SortedFileSettings.from(config); // before touching any file
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
            DataFile.Contents contents = DataFile.read(directory.resolve(DataFile.NAME));
            long bytes = 0;
            for (Map.Entry<byte[], byte[]> entry : contents.entries().entrySet()) {
                bytes += entry.getKey().length + entry.getValue().length;
            }
            return new SortedFileEngine(config, settings, channel, lock, new Snapshot(contents.sequence(),
                    Collections.unmodifiableNavigableMap(contents.entries()), bytes));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw new StorageException("store '" + config.storeName() + "': cannot open " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The largest value a put accepts in this store. */
    long maxValueBytes() {
        return settings.maxValueBytes();
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
        return begin(mode, IsolationLevel.SNAPSHOT);
    }

    /** Snapshot or serializable; read committed is served as snapshot (stronger). */
    @Override
    public EngineTransaction begin(TransactionMode mode, IsolationLevel isolation) {
        if (mode == null || isolation == null) {
            throw new InvalidArgumentException("transaction mode and isolation level must not be null");
        }
        state.checkOpen();
        IsolationLevel level = isolation == IsolationLevel.SERIALIZABLE ? isolation : IsolationLevel.SNAPSHOT;
        if (mode == TransactionMode.READ_ONLY) {
            return new SortedFileTransaction(this, state, mode, level, committed);
        }
        synchronized (this) {
            state.checkWritable();
            Snapshot snapshot = committed;
            openWriters.register(snapshot.version());
            return new SortedFileTransaction(this, state, mode, level, snapshot);
        }
    }

    /**
     * Checks for conflicts, then publishes a copy of the committed map with the writes applied ({@code null} value:
     * delete). Called once per read-write transaction with writes; the transaction is finished either way.
     *
     * @param reads what a serializable transaction read, or {@code null}
     * @return the version the commit published (its commit sequence)
     */
    synchronized long commit(Snapshot base, WriteSet writes, ReadSet reads) {
        try {
            state.checkWritable();
            conflicts.checkWrites(writes.keys(), base.version());
            if (reads != null) {
                conflicts.checkReads(reads, base.version());
            }
            Snapshot next = apply(committed, writes.entries());
            if (config.durability() != Durability.NONE) {
                save(next, config.durability() == Durability.FSYNC);
            } else {
                unsaved = true;
            }
            committed = next;
            conflicts.recordCommit(writes.keys(), next.version());
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
        openWriters.release(base.version());
        conflicts.forgetUpTo(openWriters.oldest(committed.version()));
    }

    /** Writes the file; on failure the engine goes read-only and the caller's commit fails. */
    private void save(Snapshot snapshot, boolean force) {
        try {
            DataFile.write(directory, snapshot.version(), snapshot.data(), force);
            unsaved = false;
        } catch (IOException e) {
            state.enterReadOnly("store '" + config.storeName() + "' is read-only after a failed write of "
                    + directory.resolve(DataFile.NAME) + ": " + e.getMessage());
            throw new StorageException(state.readOnlyReason(), e);
        }
    }

    @Override
    public EngineMetrics metrics() {
        state.checkOpen();
        Snapshot snapshot = committed;
        long diskBytes;
        try {
            Path file = directory.resolve(DataFile.NAME);
            diskBytes = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new StorageException("store '" + config.storeName() + "': cannot read the size of "
                    + directory.resolve(DataFile.NAME) + ": " + e.getMessage(), e);
        }
        // No write-ahead log (0 bytes of it) and no cache (declared untracked in the capabilities: -1).
        return new EngineMetrics(snapshot.data().size(), snapshot.bytes(), diskBytes, 0, -1, -1, "n/a",
                Map.of("commitVersion", snapshot.version()));
    }

    @Override
    public boolean isReadOnly() {
        return state.isReadOnly();
    }

    /** What strata:stores shows for this store while it is read-only: the failed write. */
    @Override
    public String readOnlyReason() {
        String reason = state.readOnlyReason();
        return reason == null ? "" : reason;
    }

    /** Makes everything committed durable, whatever the durability level. */
    @Override
    public synchronized void checkpoint() {
        state.checkOpen();
        if (!isReadOnly()) {
            save(committed, true);
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
        if (!state.close()) {
            return; // open transactions can no longer commit from here on
        }
        try {
            if (unsaved && !isReadOnly()) {
                save(committed, true);
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
