package dev.strata.jobs.internal.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates the file an archive is written into, under its temporary name. The runtime always uses {@link #DISK}; the
 * seam lets a test hand the writer a channel that fails as a full or failing disk does, on the archive's writing
 * thread, to check that such a failure fails the job and leaves nothing behind.
 */
@FunctionalInterface
public interface ArchiveFiles {

    /** A new file on the file system (never an existing one: {@code CREATE_NEW}). */
    ArchiveFiles DISK = path -> FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** Creates {@code partial} and opens it for writing. */
    FileChannel create(Path partial) throws IOException;
}
