package dev.strata.backend.file.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;

/**
 * The exclusive lock that keeps a store directory to one engine: an OS file lock on {@code LOCK} (which also
 * fences other processes) that names the holder's process id in the file, so the error can say who holds it.
 */
public final class StoreLock implements AutoCloseable {

    public static final String FILE_NAME = "LOCK";

    /**
     * Directories locked by this class loader. Checked before the file is opened at all, because on Linux closing
     * any channel of a file releases every lock the process holds on it: a second engine in the same JVM must not
     * even open the lock file of the first.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws StoreUnavailableException when another engine (in this or another process) has the directory open
     */
    public static StoreLock acquire(Path directory, ChannelFactory channels) {
        Path key = canonical(directory);
        if (!HELD.add(key)) {
            throw inUse(directory, Long.toString(ProcessHandle.current().pid()) + ", this one");
        }
        try {
            return lock(directory, key, channels);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static StoreLock lock(Path directory, Path key, ChannelFactory channels) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = channels.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another engine in this JVM
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw inUse(directory, holder);
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new StoreLock(key, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw IoFailures.failed("locking the store directory", file, e);
        } catch (StorageException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StoreUnavailableException inUse(Path directory, String holder) {
        return new StoreUnavailableException("store directory " + directory + " is in use by another engine"
                + (holder.isEmpty() ? "" : " (process " + holder + ")")
                + "; one process per store directory: close the other one first");
    }

    private static Path canonical(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing with a better error
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(directory);
    }
}
