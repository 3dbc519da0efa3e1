package dev.strata.management.internal.jmx;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageTimeoutException;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobsMXBean;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;

/** The job service as a bean; a job submitted over JMX records the JMX user who submitted it. */
final class JobsBean implements JobsMXBean {

    /** A wait never holds a connection's thread longer than this. */
    private static final long MAX_WAIT_MILLIS = 60_000;

    private final JobService jobs;

    JobsBean(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public JobInfo[] getActive() {
        return jobs.active().toArray(JobInfo[]::new);
    }

    @Override
    public JobInfo[] history(int limit) {
        return jobs.history(Math.max(0, limit)).toArray(JobInfo[]::new);
    }

    @Override
    public JobInfo job(String id) {
        return jobs.job(id).orElseThrow(() -> new NotFoundException("no job with id '" + id + "'"));
    }

    @Override
    public JobInfo awaitJob(String id, long timeoutMillis) {
        try {
            return jobs.await(id, Math.min(Math.max(0, timeoutMillis), MAX_WAIT_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageTimeoutException("the wait for job '" + id + "' was interrupted");
        }
    }

    @Override
    public JobInfo submitBackup(BackupRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo submitRestore(RestoreRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo submitVerify(VerifyRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo submitMigrate(MigrateRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo submitArchive(ArchiveRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo submitMaintenance(MaintenanceRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo submitEngineMigration(EngineMigrationRequest request) {
        return submit(request);
    }

    @Override
    public JobInfo confirm(String id) {
        return jobs.confirm(id);
    }

    private JobInfo submit(JobRequest request) {
        String user = RolePrincipal.currentSubject().map(RolePrincipal::userOf).orElse("jmx");
        return jobs.submit(request, user);
    }

    @Override
    public JobInfo cancel(String id) {
        return jobs.cancel(id);
    }

    @Override
    public double getThrottle() {
        return jobs.throttle();
    }

    @Override
    public void throttle(double megabytesPerSecond) {
        jobs.setThrottle(megabytesPerSecond);
    }

    @Override
    public int getMaxConcurrentJobs() {
        return jobs.maxConcurrentJobs();
    }

    @Override
    public byte[] readArchived(String store, String key) {
        return jobs.readArchived(store, key).orElse(null);
    }
}
