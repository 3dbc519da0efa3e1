package dev.strata.api.management;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs the operators' jobs (backup, restore, verify, migrate, archive, maintenance), one model for all of them. A
 * JMX bean, the CLI and the console call only this service.
 * <p>
 * At most a configured number of jobs run at once; more wait as {@link JobState#QUEUED}. Cancelling is cooperative:
 * a job stops at its next chunk boundary and removes what it made. History (every job that ended) is kept in a
 * system store of the runtime, across restarts, up to a retention count.
 */
@ProviderType
public interface JobService {

    /**
     * Queues a job.
     *
     * @param startedBy who asks (recorded with the job)
     * @return the job as queued
     * @throws dev.strata.api.NotFoundException        when a store the request names is not defined
     * @throws dev.strata.api.InvalidArgumentException when the request cannot run here (for example an operation
     *                                                 the store API does not offer)
     */
    JobInfo submit(JobRequest request, String startedBy);

    /** Jobs queued or running now, oldest first. */
    List<JobInfo> active();

    /** A job, running or in history. */
    Optional<JobInfo> job(String id);

    /**
     * Asks a job to stop. A queued job is cancelled at once; a running one at its next chunk boundary.
     *
     * @return the job as it is now
     * @throws dev.strata.api.NotFoundException when there is no such job
     */
    JobInfo cancel(String id);

    /**
     * Lets a job that waits for an operator go on: an {@link EngineMigrationRequest} with {@code hold} freezes the
     * store and switches it once confirmed.
     *
     * @return the job as it is now
     * @throws dev.strata.api.NotFoundException        when there is no such job
     * @throws dev.strata.api.InvalidArgumentException when the job does not wait for a confirmation
     */
    JobInfo confirm(String id);

    /** Jobs that ended, newest first, at most {@code limit} (0: all that are kept). */
    List<JobInfo> history(int limit);

    /**
     * Waits until the job ends or the time passes.
     *
     * @return the job as it is when the wait ends
     * @throws dev.strata.api.NotFoundException when there is no such job
     */
    JobInfo await(String id, long timeoutMillis) throws InterruptedException;

    /** The bandwidth all jobs share, in MB/s (10^6 bytes); 0 means unlimited. Takes effect on running jobs. */
    void setThrottle(double megabytesPerSecond);

    double throttle();

    /** How many jobs may run at once. */
    int maxConcurrentJobs();

    /**
     * Reads a key back from the cold-tier archives of a store, newest archive first, without restoring anything.
     *
     * @return the archived value, or empty when no archive of that store holds the key
     */
    Optional<byte[]> readArchived(String store, String key);
}
