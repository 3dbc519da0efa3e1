package dev.strata.jobs.internal.work;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.management.MigrationTransform;
import dev.strata.api.management.StoreControl;
import dev.strata.jobs.internal.archive.ArchiveCodecs;
import dev.strata.jobs.internal.archive.ArchiveFiles;
import dev.strata.jobs.internal.archive.ArchiveWriter;

/**
 * What the jobs work with: the stores, the crypto services, the transforms, scratch stores for test restores, and
 * where files go.
 *
 * @param storage            the storage service
 * @param codecs             ciphers, codecs and keys
 * @param transforms         migration transforms by name
 * @param scratch            scratch memory stores
 * @param systemStore        the runtime's system store (archive catalog), when available
 * @param backupDirectory    where backups go when the request names no file
 * @param archiveDirectory   where cold-tier archives go when the request names no destination
 * @param defaultCompression the codec used when a request names none
 * @param chunkBytes         plaintext bytes per archive chunk
 * @param definitions        store definitions (ConfigAdmin), for moving a store to another engine in place
 * @param storeControl       core's operator actions (checkpoint, compact), when available
 * @param keepSourceMinutes  how long a store moved to another engine keeps its old files for an undo, by default
 * @param clock              the clock copies compute what is left of a key's time to live with (the stores' clock)
 * @param archiveFiles       creates the files archives are written into: {@link ArchiveFiles#DISK} but in tests
 *                           that make the disk fail
 */
public record JobEnvironment(StorageService storage, ArchiveCodecs codecs,
        Function<String, Optional<MigrationTransform>> transforms, ScratchStores scratch,
        Supplier<Optional<Store>> systemStore, Path backupDirectory, Path archiveDirectory, String defaultCompression,
        int chunkBytes, StoreDefinitions definitions, Supplier<Optional<StoreControl>> storeControl,
        long keepSourceMinutes, Clock clock, ArchiveFiles archiveFiles) {

    /** Where the runtime sets {@link #chunkBytes} (as {@code chunkKilobytes}), for messages. */
    public static final String CONFIGURATION_PID = "dev.strata.jobs";

    public JobEnvironment {
        if (chunkBytes < 1) {
            throw new InvalidArgumentException("archive chunk size must be positive, was " + chunkBytes);
        }
        clock = clock == null ? Clock.systemUTC() : clock;
        archiveFiles = archiveFiles == null ? ArchiveFiles.DISK : archiveFiles;
    }

    /** With archives written to the disk. */
    public JobEnvironment(StorageService storage, ArchiveCodecs codecs,
            Function<String, Optional<MigrationTransform>> transforms, ScratchStores scratch,
            Supplier<Optional<Store>> systemStore, Path backupDirectory, Path archiveDirectory, String defaultCompression,
            int chunkBytes, StoreDefinitions definitions, Supplier<Optional<StoreControl>> storeControl,
            long keepSourceMinutes, Clock clock) {
        this(storage, codecs, transforms, scratch, systemStore, backupDirectory, archiveDirectory, defaultCompression,
                chunkBytes, definitions, storeControl, keepSourceMinutes, clock, ArchiveFiles.DISK);
    }

    /** With the system clock, which core's stores use. */
    public JobEnvironment(StorageService storage, ArchiveCodecs codecs,
            Function<String, Optional<MigrationTransform>> transforms, ScratchStores scratch,
            Supplier<Optional<Store>> systemStore, Path backupDirectory, Path archiveDirectory, String defaultCompression,
            int chunkBytes, StoreDefinitions definitions, Supplier<Optional<StoreControl>> storeControl,
            long keepSourceMinutes) {
        this(storage, codecs, transforms, scratch, systemStore, backupDirectory, archiveDirectory, defaultCompression,
                chunkBytes, definitions, storeControl, keepSourceMinutes, Clock.systemUTC(), ArchiveFiles.DISK);
    }

    /**
     * The chunk size in bytes of a {@code chunkKilobytes} setting: at least 1 KiB, and a size beyond an int's range
     * kept as the int's largest (so that submitting a backup refuses it by name, instead of the multiplication
     * wrapping round to a negative size that stops the job service from starting).
     */
    public static int chunkBytesOf(int kilobytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1L, kilobytes) * 1024L);
    }

    long now() {
        return clock.millis();
    }

    /** @throws dev.strata.api.NotFoundException naming the defined stores */
    Store store(String name) {
        return storage.store(name);
    }

    /** An archive file named by a request: relative names are in the backup directory. */
    Path archiveFile(String name) {
        Path path = Path.of(name);
        return path.isAbsolute() ? path : backupDirectory.resolve(path);
    }

    /**
     * The chunk size of a job that writes an archive (backup, cold archive), checked when the job is submitted.
     *
     * @throws dev.strata.jobs.internal.archive.ChunkSizeException when it is over what the archive format holds
     */
    int archiveChunkBytes() {
        ArchiveWriter.checkChunkSize(chunkBytes, "chunkKilobytes of " + CONFIGURATION_PID);
        return chunkBytes;
    }

    String compression(String requested) {
        return requested == null || requested.isEmpty() ? defaultCompression : requested;
    }
}
