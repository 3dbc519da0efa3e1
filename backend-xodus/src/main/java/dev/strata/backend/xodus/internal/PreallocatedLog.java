package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

import jetbrains.exodus.ExodusException;
import jetbrains.exodus.OutOfDiskSpaceException;
import jetbrains.exodus.core.dataStructures.LongArrayList;
import jetbrains.exodus.io.Block;
import jetbrains.exodus.io.DataReader;
import jetbrains.exodus.io.DataWriter;
import jetbrains.exodus.io.FileDataReader;
import jetbrains.exodus.io.FileDataWriter;
import jetbrains.exodus.io.RemoveBlockType;
import jetbrains.exodus.log.LogUtil;

/**
 * A store's Xodus log files, preallocated: Xodus's {@link DataReader} and {@link DataWriter} (handed to its
 * {@code LogConfig}) over files that are kept zero-filled {@link #AHEAD} bytes ahead of Xodus's data, so that a
 * durable commit's {@code fdatasync} writes pages and no new size or block allocation for the file system to journal.
 * <p>
 * Xodus never sees the zeros: each file's {@link LogFile#length() length} is its logical end, which a crash cannot
 * move because it is not taken from the file's size but from end slots written just before each force, each
 * vouching for bytes by a CRC32C: the two alternating slots of its {@link LogFileHeader}, or, for a small force of a
 * store whose commits are forced, a {@link TrailingSlot} in the empty page after the data (so that one write
 * request carries the data and its slot). Xodus recovers within that end. Plain files of Xodus's own provider are
 * read and appended to as they are; new files are preallocated.
 * <p>
 * Locks: a force takes {@code forceLock} (one force at a time: a slot may overwrite an older one only once the
 * slot after that is durable), then briefly {@code writeLock} to write its slot; Xodus's writes take
 * {@code writeLock} only, so commits are written while a force is in the kernel, except a write that would reach
 * the trailing slot relied on, which takes {@code forceLock} too.
 */
final class PreallocatedLog {

    /** How far ahead of Xodus's data a file is kept zero-filled (the file engine's fsync log keeps 1 MiB too). */
    static final long AHEAD = 1 << 20;

    private final Path directory;
    private final long lengthBound;
    private final LogStorage storage;
    private final ConcurrentSkipListMap<Long, LogFile> files = new ConcurrentSkipListMap<>();
    private final Object forceLock = new Object();
    private final Object writeLock = new Object();
    /** Xodus's lock on the directory, taken as its file writer takes it (nothing else of that writer is used). */
    private final FileDataWriter directoryLock;
    private final Reader reader = new Reader();
    private final Writer writer = new Writer();
    /** The file Xodus appends to, {@code null} between files; guarded by writeLock. */
    private LogFile current;
    /** A failed write or force: nothing more is written or vouched for. */
    private volatile IOException failure;
    /** Xodus closes the reader before the writer when the log closes: the writer's last slots close the files. */
    private volatile boolean readerClosed;
    /**
     * Whether every write rewrites the header's hint (commits not forced); otherwise small forces use trailing slots.
     */
    private final boolean hintEachWrite;

    private PreallocatedLog(Path directory, long lengthBound, LogStorage storage, boolean hintEachWrite) {
        this.hintEachWrite = hintEachWrite;
        this.directory = directory;
        this.lengthBound = lengthBound;
        this.storage = storage;
        this.directoryLock = new FileDataWriter(new FileDataReader(directory.toFile()), null);
    }

    /**
     * Finds every log file's logical end; a file whose header vouches for no whole data is damage.
     *
     * @param hintEachWrite whether commits are not forced ({@code os}, {@code none}): then every write also
     *                      rewrites the header's unforced hint, so a killed process loses nothing the page cache kept
     */
    static PreallocatedLog open(Path directory, long lengthBound, LogStorage storage, boolean hintEachWrite)
            throws IOException {
        Files.createDirectories(directory);
        PreallocatedLog log = new PreallocatedLog(directory, lengthBound, storage, hintEachWrite);
        LongArrayList addresses = LogUtil.listFileAddresses(directory.toFile());
        addresses.sort();
        for (int i = 0; i < addresses.size(); i++) {
            log.load(addresses.get(i), i == addresses.size() - 1);
        }
        return log;
    }

    DataReader reader() {
        return reader;
    }

    DataWriter writer() {
        return writer;
    }

    private void load(long address, boolean last) throws IOException {
        Path path = directory.resolve(LogUtil.getLogFilename(address));
        LogFileRecovery.Found found = LogFileRecovery.recover(storage, path, address, lengthBound, last);
        if (found.restart()) {
            recorded(() -> found.file().initialise(AHEAD, LogFileHeader.BYTES + lengthBound));
        }
        files.put(address, found.file());
    }

    /**
     * Forces what Xodus has written so far: its bytes, vouched for by the next end slot. Returns once they are on
     * the device; a failed force fails every later one (the engine goes read-only).
     */
    void force() throws IOException {
        synchronized (forceLock) {
            LogFile file;
            long trailingEnd;
            synchronized (writeLock) {
                checkHealthy();
                file = current;
                if (file == null) {
                    return; // between files: the full one was forced when Xodus closed it
                }
                try {
                    trailingEnd = file.writeSlotForForce(!hintEachWrite);
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
            recorded(file::force);
            synchronized (writeLock) {
                file.forced(trailingEnd);
            }
        }
    }

    /** The write or force {@code io} of the log; when it fails, nothing more is written or vouched for. */
    private void recorded(LogFile.Io io) throws IOException {
        try {
            io.run();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void checkHealthy() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write or force of the log failed: " + failure, failure);
        }
    }

    private ExodusException failed(String action, IOException e) {
        if (directory.toFile().getUsableSpace() < AHEAD) {
            return new OutOfDiskSpaceException(e);
        }
        return new ExodusException("Can't " + action + " the log in " + directory + ": " + e.getMessage(), e);
    }

    private final class Reader implements DataReader {
        @Override
        public String getLocation() {
            return directory.toString();
        }

        @Override
        public Iterable<Block> getBlocks() {
            return List.<Block>copyOf(files.values());
        }

        @Override
        public Iterable<Block> getBlocks(long fromAddress) {
            return List.<Block>copyOf(files.tailMap(fromAddress).values());
        }

        @Override
        public void close() {
            readerClosed = true;
            files.values().forEach(file -> file.close(false));
        }
    }

    private final class Writer implements DataWriter {
        @Override
        public boolean isOpen() {
            synchronized (writeLock) {
                return current != null;
            }
        }

        /**
         * Appends Xodus's bytes. A write that would reach the region of the trailing slot the log relies on (the
         * newest durable one, or the one being forced) first waits for the force in progress and makes a header
         * slot durable that vouches for everything written so far: a power loss during the write then still finds
         * a whole slot.
         */
        @Override
        public Block write(byte[] bytes, int offset, int length) {
            synchronized (writeLock) {
                LogFile file = current;
                if (file == null || !file.wouldReachTrailingSlot(length)) {
                    return append(file, bytes, offset, length);
                }
            }
            synchronized (forceLock) {
                synchronized (writeLock) {
                    LogFile file = current;
                    if (file != null && file.wouldReachTrailingSlot(length)) {
                        try {
                            checkHealthy();
                            file.writeHeaderSlot(file.slotEnd, file.length());
                            file.force();
                            file.forced(-1);
                        } catch (IOException e) {
                            failure = e;
                            throw failed("write", e);
                        }
                    }
                    return append(file, bytes, offset, length);
                }
            }
        }

        /** Appends under {@code writeLock}. */
        private Block append(LogFile file, byte[] bytes, int offset, int length) {
            if (file == null) {
                throw new ExodusException("Can't write, the log's writer is closed");
            }
            try {
                checkHealthy();
                long position = file.length();
                if (file.preallocated()) {
                    long limit = LogFileHeader.BYTES + lengthBound;
                    file.zeroAhead(LogFileHeader.BYTES + position + length, AHEAD, limit);
                }
                file.writeLogical(bytes, offset, length, position);
                file.span.update(bytes, offset, length);
                file.setLength(position + length);
                if (hintEachWrite && file.preallocated()) {
                    file.writeHint();
                }
            } catch (IOException e) {
                failure = e;
                throw failed("write", e);
            }
            return file;
        }

        @Override
        public void sync() {
            try {
                force();
            } catch (IOException e) {
                throw failed("force", e);
            }
        }

        @Override
        public void syncDirectory() {
            try {
                storage.forceDirectory(directory);
            } catch (IOException e) {
                throw failed("force the directory of", e);
            }
        }

        /**
         * Xodus closes its writer when a file is full and when the log closes. A preallocated file then gets its
         * end in both slots (two forces), so that a damaged slot of a file at rest never costs data.
         */
        @Override
        public void close() {
            synchronized (forceLock) {
                LogFile file;
                synchronized (writeLock) {
                    file = current;
                    current = null;
                }
                if (file == null || failure != null) {
                    return;
                }
                try {
                    if (file.preallocated()) {
                        recorded(() -> file.writeHeaderSlot(file.slotEnd, file.length()));
                        recorded(file::force);
                        recorded(() -> file.writeHeaderSlot(file.slotEnd, file.length()));
                    }
                    recorded(file::force);
                } catch (IOException e) {
                    throw failed("close", e);
                } finally {
                    if (readerClosed) {
                        file.close(false);
                    }
                }
            }
        }

        @Override
        public void clear() {
            close();
            synchronized (forceLock) {
                for (LogFile file : List.copyOf(files.values())) {
                    removeBlock(file.getAddress(), RemoveBlockType.Delete);
                }
            }
        }

        @Override
        public Block openOrCreateBlock(long address, long length) {
            synchronized (forceLock) {
                synchronized (writeLock) {
                    try {
                        checkHealthy();
                        LogFile file = files.get(address);
                        if (file == null) {
                            Path path = directory.resolve(LogUtil.getLogFilename(address));
                            file = new LogFile(address, path, storage, true, 0, storage.open(path, true));
                            LogFile created = file;
                            recorded(() -> created.initialise(AHEAD, LogFileHeader.BYTES + lengthBound));
                            files.put(address, file);
                        } else {
                            truncate(file, length);
                            file.span.reset();
                            file.zeroedTo = file.physicalSize();
                        }
                        current = file;
                        return file;
                    } catch (IOException e) {
                        failure = e;
                        throw failed("open a file of", e);
                    }
                }
            }
        }

        @Override
        public void removeBlock(long address, RemoveBlockType type) {
            LogFile file = files.remove(address);
            if (file != null) {
                file.close(true);
            }
            String name = LogUtil.getLogFilename(address);
            Path path = directory.resolve(name);
            Path renamed = type == RemoveBlockType.Rename ? path.resolveSibling(name.replace(".xd", ".del")) : null;
            try {
                storage.remove(path, renamed);
            } catch (IOException e) {
                throw failed("remove a file of", e);
            }
        }

        @Override
        public void truncateBlock(long address, long length) {
            synchronized (forceLock) {
                synchronized (writeLock) {
                    LogFile file = files.get(address);
                    if (file != null) {
                        try {
                            truncate(file, length);
                        } catch (IOException e) {
                            failure = e;
                            throw failed("truncate a file of", e);
                        }
                    }
                }
            }
        }

        /** Cuts a file to {@code length}: a preallocated one by a forced slot vouching for that end, a plain one. */
        private void truncate(LogFile file, long length) throws IOException {
            if (length >= file.length()) {
                return;
            }
            file.setLength(length);
            if (file.preallocated()) {
                file.span.reset();
                recorded(() -> file.writeHeaderSlot(length, length));
            } else {
                file.truncatePhysical(length);
            }
            recorded(file::force);
            file.forced(-1);
        }

        @Override
        public boolean lock(long timeout) {
            return directoryLock.lock(timeout);
        }

        @Override
        public boolean release() {
            return directoryLock.release();
        }

        @Override
        public String lockInfo() {
            return directoryLock.lockInfo();
        }
    }
}
