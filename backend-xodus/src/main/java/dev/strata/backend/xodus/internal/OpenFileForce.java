package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One store's log force: keeps the last forced log file open, so that a durable commit costs one {@code fdatasync}
 * instead of open, {@code fdatasync} and close (opening a channel per commit was about 8% of a lone writer's CPU,
 * and CPU is what a loaded machine makes commits wait for).
 * <p>
 * A kept descriptor is safe because Xodus names a log file by its address and addresses only grow: a name is never
 * reused for another file while the store is open, so the open descriptor is the named file's. A file the cleaner
 * deleted meanwhile is not reopened; forcing it through the kept descriptor is harmless. Called by one force
 * leader at a time ({@link GroupForce}) and at open and close; synchronized all the same, since close may come
 * from another thread.
 */
final class OpenFileForce implements LogForce {

    /** An open log file that can be forced. */
    interface OpenFile {
        void force() throws IOException;

        void close() throws IOException;
    }

    /** Opens a log file for forcing; tests substitute a simulated disk. */
    @FunctionalInterface
    interface Opener {
        OpenFile open(Path file) throws IOException;
    }

    /** The real thing: a read-only channel, forced without metadata (Xodus forces the directory for new files). */
    static final Opener CHANNELS = file -> {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new OpenFile() {
            @Override
            public void force() throws IOException {
                channel.force(false);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    };

    private final Opener opener;
    private Path path;
    private OpenFile open;

    OpenFileForce() {
        this(CHANNELS);
    }

    OpenFileForce(Opener opener) {
        this.opener = opener;
    }

    @Override
    public synchronized void force(Path file) throws IOException {
        if (open == null || !file.equals(path)) {
            release();
            open = opener.open(file);
            path = file;
        }
        open.force();
    }

    @Override
    public synchronized void close() throws IOException {
        release();
    }

    private void release() throws IOException {
        OpenFile kept = open;
        open = null;
        path = null;
        if (kept != null) {
            kept.close();
        }
    }
}
