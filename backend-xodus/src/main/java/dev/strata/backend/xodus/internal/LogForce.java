package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a log file's written data to the device. The engine forces the log itself, outside every lock, so that
 * concurrent committers share one force ({@link GroupForce}); Xodus's own force on commit is switched off. On
 * Linux an fsync through any descriptor of a file covers all data written to it through others. Tests substitute
 * counting or failing implementations.
 * <p>
 * {@link #CHANNEL} opens the file for every force (tests wrap it); a store's engine uses an {@link OpenFileForce}
 * of its own, which keeps the file open between forces.
 */
@FunctionalInterface
interface LogForce {

    /** Opens the file, forces its data (not its metadata: Xodus forces the directory when it adds a file). */
    LogForce CHANNEL = file -> {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
        }
    };

    void force(Path file) throws IOException;

    /** Releases what the force keeps open; the engine calls it once, after its last force. */
    default void close() throws IOException {
    }

    static void forcePath(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
