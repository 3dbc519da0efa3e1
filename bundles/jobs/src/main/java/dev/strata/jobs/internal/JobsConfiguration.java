package dev.strata.jobs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The job service's settings (PID {@value #PID}); every one has a working default. */
@ObjectClassDefinition(id = JobsConfiguration.PID, name = "Strata job service",
        description = "Backups, restores, verification, migration, cold-tier archives and maintenance jobs.")
public @interface JobsConfiguration {

    String PID = "dev.strata.jobs";

    @AttributeDefinition(name = "Jobs at once", description = "How many jobs run at the same time; more wait queued.")
    int maxConcurrentJobs() default 2;

    @AttributeDefinition(name = "History retention", description = "How many ended jobs the history keeps.")
    int historyRetention() default 500;

    @AttributeDefinition(name = "Throttle (MB/s)", description = "Bandwidth all jobs share; 0 is unlimited.")
    double throttleMegabytesPerSecond() default 0;

    @AttributeDefinition(name = "System store", description = "Filter selecting the store that keeps job history "
            + "and the archive catalog.")
    String systemStore_target() default "(strata.store=system)";

    @AttributeDefinition(name = "Backup directory", required = false,
            description = "Where backups go when none is named; empty for <strata.home>/backups.")
    String backupDirectory() default "";

    @AttributeDefinition(name = "Archive directory", required = false,
            description = "Where cold-tier archives go when none is named; empty for <strata.home>/archives.")
    String archiveDirectory() default "";

    @AttributeDefinition(name = "Compression", description = "Codec of archive chunks: lz4, zstd, deflate or none.")
    String compression() default "lz4";

    @AttributeDefinition(name = "Chunk size (KiB)", description = "Plaintext bytes per archive chunk.")
    int chunkKilobytes() default 1024;

    @AttributeDefinition(name = "Keep a migrated store's old files (minutes)",
            description = "How long a store moved to another engine in place keeps its old files, unwritten, so "
                    + "that the switch can be undone (strata:migrate-undo).")
    long keepSourceMinutes() default 1440;
}
