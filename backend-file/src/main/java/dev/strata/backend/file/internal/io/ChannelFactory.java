package dev.strata.backend.file.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one place the engine opens files, so that tests can hand it channels that fail the Nth write or force (disk
 * full, I/O error) and prove that such failures reach the caller and lose nothing acknowledged.
 */
@FunctionalInterface
public interface ChannelFactory {

    /** Plain {@link FileChannel#open}. */
    ChannelFactory DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;

    /**
     * Forces a directory's entries to disk, so that a file created or renamed in it survives a power loss. Needed
     * on Linux after every create and rename: forcing the file itself does not persist its name.
     */
    default void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
