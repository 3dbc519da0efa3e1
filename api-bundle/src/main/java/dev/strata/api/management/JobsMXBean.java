package dev.strata.api.management;

/**
 * The job service over JMX ({@code dev.strata:type=Jobs}). Listing and reading need role {@code monitor};
 * submitting, cancelling and throttling need {@code operator}. The user who submits is recorded with the job.
 * Requests and results are the records of this package, which JMX maps to open data.
 */
public interface JobsMXBean {

    /** Jobs queued or running, oldest first. */
    JobInfo[] getActive();

    /** Jobs that ended, newest first, at most {@code limit} (0: all kept). */
    JobInfo[] history(int limit);

    /** @throws dev.strata.api.NotFoundException when there is no such job */
    JobInfo job(String id);

    /** Waits up to the time given for the job to end; returns it as it is then. */
    JobInfo awaitJob(String id, long timeoutMillis);

    JobInfo submitBackup(BackupRequest request);

    JobInfo submitRestore(RestoreRequest request);

    JobInfo submitVerify(VerifyRequest request);

    JobInfo submitMigrate(MigrateRequest request);

    JobInfo submitArchive(ArchiveRequest request);

    JobInfo submitMaintenance(MaintenanceRequest request);

    /**
     * Moves a store to another engine in place, or undoes its last switch ({@link EngineMigrationRequest}). It
     * redefines the store, so unlike the other submissions it needs role {@code admin}.
     */
    JobInfo submitEngineMigration(EngineMigrationRequest request);

    /**
     * Lets a held engine migration freeze its store and switch ({@link JobService#confirm}); role {@code admin}.
     *
     * @throws dev.strata.api.InvalidArgumentException when the job does not wait for a confirmation
     * @throws dev.strata.api.NotFoundException        when there is no such job
     */
    JobInfo confirm(String id);

    /** Asks a job to stop at its next chunk boundary (a queued one stops at once). */
    JobInfo cancel(String id);

    /** The bandwidth all jobs share, MB/s; 0 is unlimited. */
    double getThrottle();

    /** Changes the shared bandwidth, also for running jobs; 0 is unlimited. */
    void throttle(double megabytesPerSecond);

    int getMaxConcurrentJobs();

    /** A key read back from the store's cold-tier archives, or {@code null} when no archive holds it. */
    byte[] readArchived(String store, String key);
}
