package dev.strata.jobs.internal.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.strata.api.StorageException;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobState;

/**
 * Runs one store's scheduled backups through the job service (so they queue, throttle, show and are kept in the
 * history like any job, {@code startedBy=scheduler}), each into {@code <store>-scheduled-<time>.strata-backup} in
 * the destination, and after each backup that succeeded keeps the newest {@code retention} of them (a failed run
 * deletes nothing). Outside any framework: the component only builds and closes it.
 */
public final class ScheduledBackups implements AutoCloseable {

    public static final String STARTED_BY = "scheduler";
    static final String EXTENSION = ".strata-backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /**
     * @param store       the store
     * @param schedule    when
     * @param destination a directory ("" for the job service's backup directory)
     * @param retention   how many scheduled backups to keep (at least 1)
     * @param compression codec ("" for the job service's default)
     * @param keyAlias    key alias to seal them with ("" for none)
     */
    public record Settings(String store, BackupSchedule schedule, String destination, int retention,
            String compression, String keyAlias) {
    }

    private final JobService jobs;
    private final Settings settings;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "strata-backup-schedule");
        thread.setDaemon(true);
        return thread;
    });

    public ScheduledBackups(JobService jobs, Settings settings, Consumer<String> log) {
        if (settings.retention() < 1) {
            throw new dev.strata.api.InvalidArgumentException("backup retention must keep at least 1 backup, was "
                    + settings.retention());
        }
        this.jobs = jobs;
        this.settings = settings;
        this.log = log;
    }

    public void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        Duration delay = settings.schedule().delayFromNow();
        try {
            timer.schedule(this::runAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void runAndReschedule() {
        try {
            runOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.accept("scheduled backup of '" + settings.store() + "' failed to start: " + e.getMessage());
        }
        scheduleNext();
    }

    /** One scheduled backup and, if it succeeded, retention. Returns the job as it ended. */
    public JobInfo runOnce() throws InterruptedException {
        String prefix = settings.store() + "-scheduled-";
        String name = prefix + LocalDateTime.now().format(STAMP) + EXTENSION;
        String file = settings.destination().isEmpty() ? name : Path.of(settings.destination()).resolve(name)
                .toString();
        JobInfo job = jobs.submit(new BackupRequest(settings.store(), file, settings.compression(),
                settings.keyAlias(), false, false), STARTED_BY);
        while (!job.state().isFinal()) {
            job = jobs.await(job.id(), 60_000);
        }
        if (job.state() != JobState.SUCCEEDED) {
            log.accept("scheduled backup " + job.id() + " of '" + settings.store() + "' ended " + job.state() + ": "
                    + job.failure() + "; retention deleted nothing");
            return job;
        }
        Path written = job.report().stream().filter(l -> l.startsWith("output: ")).findFirst()
                .map(l -> Path.of(l.substring("output: ".length()))).orElse(null);
        if (written != null && written.getParent() != null) {
            try {
                List<Path> deleted = Retention.apply(written.getParent(), prefix, settings.retention());
                if (!deleted.isEmpty()) {
                    log.accept("scheduled backup " + job.id() + " of '" + settings.store() + "': retention ("
                            + settings.retention() + ") deleted " + deleted.stream().map(p -> p.getFileName()
                            .toString()).toList());
                }
            } catch (IOException e) {
                throw new StorageException("retention of the backups of '" + settings.store() + "' failed: "
                        + e.getMessage(), e);
            }
        }
        return job;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
