package dev.strata.jobs.internal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobState;

/**
 * The queue and the workers, outside any framework. At most {@code maxConcurrent} jobs run; the rest wait in
 * submission order. Each state change is written to the history.
 */
public final class JobEngine implements AutoCloseable {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final JobPlanner planner;
    private final JobHistory history;
    private final Throttle throttle;
    private final int maxConcurrent;
    private final ExecutorService workers;
    private final Map<String, RunningJob> live = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    JobEngine(JobPlanner planner, JobHistory history, Throttle throttle, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new InvalidArgumentException("at least one job must be allowed to run, was " + maxConcurrent);
        }
        this.planner = planner;
        this.history = history;
        this.throttle = throttle;
        this.maxConcurrent = maxConcurrent;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "strata-job-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Loads the history; jobs that were unfinished when the runtime stopped end FAILED, their leftovers removed. */
    void start() {
        for (JobInfo job : history.load()) {
            planner.cleanUpInterrupted(job);
            history.record(new JobInfo(job.id(), job.type(), job.store(), JobState.FAILED, job.done(), job.total(),
                    job.bytes(), "failed", job.queuedAt(), job.startedAt(), System.currentTimeMillis(), "",
                    job.stores(), job.startedBy(), job.bytesTotal(), 0, -1,
                    "interrupted: the runtime stopped while the job was " + job.state().name().toLowerCase()
                            + "; its unfinished output was removed", job.report()));
        }
    }

    public JobInfo submit(JobRequest request, String startedBy) {
        if (request == null) {
            throw new InvalidArgumentException("job request must not be null");
        }
        JobWork work = planner.plan(request);
        RunningJob job = new RunningJob(nextId(), request, startedBy == null ? "" : startedBy, throttle);
        job.onEvidence(() -> history.record(job.info()));
        live.put(job.jobId(), job);
        history.record(job.info());
        try {
            workers.execute(() -> run(job, work));
        } catch (RejectedExecutionException e) {
            live.remove(job.jobId());
            job.finish(JobState.FAILED, "", "the job service is stopping");
            history.record(job.info());
            throw new StorageException("the job service is stopping; the job was not started");
        }
        return job.info();
    }

    private void run(RunningJob job, JobWork work) {
        if (!job.start()) {
            end(job);
            return;
        }
        history.record(job.info());
        try {
            String result = work.run(job);
            job.finish(JobState.SUCCEEDED, result, "");
        } catch (JobCancelledException e) {
            job.finish(JobState.CANCELLED, "", e.getMessage());
        } catch (StorageException e) {
            job.finish(job.isCancelRequested() ? JobState.CANCELLED : JobState.FAILED, "", oneLine(e));
        } catch (Exception | Error e) {
            job.finish(JobState.FAILED, "", "unexpected " + e.getClass().getSimpleName() + ": " + oneLine(e));
        } finally {
            end(job);
        }
    }

    private void end(RunningJob job) {
        history.record(job.info());
        live.remove(job.jobId());
    }

    public List<JobInfo> active() {
        List<JobInfo> jobs = new ArrayList<>();
        for (RunningJob job : live.values()) {
            JobInfo info = job.info();
            if (!info.state().isFinal()) {
                jobs.add(info);
            }
        }
        jobs.sort(Comparator.comparing(JobInfo::id));
        return jobs;
    }

    public Optional<JobInfo> job(String id) {
        RunningJob job = id == null ? null : live.get(id);
        return job != null ? Optional.of(job.info()) : history.find(id);
    }

    public JobInfo cancel(String id) {
        RunningJob job = id == null ? null : live.get(id);
        if (job == null) {
            return history.find(id).orElseThrow(() -> new NotFoundException("no job '" + id + "'"));
        }
        if (job.cancel()) {
            end(job);
        }
        return job.info();
    }

    public JobInfo confirm(String id) {
        RunningJob job = id == null ? null : live.get(id);
        if (job == null) {
            JobInfo ended = history.find(id).orElseThrow(() -> new NotFoundException("no job '" + id + "'"));
            throw new InvalidArgumentException("job " + id + " has ended (" + ended.state() + "); there is nothing to "
                    + "confirm");
        }
        if (!job.confirm()) {
            throw new InvalidArgumentException("job " + id + " does not wait for a confirmation (" + job.info()
                    .message() + ")");
        }
        return job.info();
    }

    public List<JobInfo> history(int limit) {
        return history.list(limit);
    }

    public JobInfo await(String id, long timeoutMillis) throws InterruptedException {
        RunningJob job = id == null ? null : live.get(id);
        if (job == null) {
            return history.find(id).orElseThrow(() -> new NotFoundException("no job '" + id + "'"));
        }
        job.awaitEnd(timeoutMillis);
        return job.info();
    }

    public Throttle throttle() {
        return throttle;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public String historyProblem() {
        return history.problem();
    }

    /** Cancels every job and waits a little for them to clean up. */
    @Override
    public void close() {
        for (RunningJob job : live.values()) {
            job.cancel();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private String nextId() {
        String time = LocalDateTime.now().format(ID_TIME);
        while (true) {
            String id = time + "-" + String.format("%03d", sequence.incrementAndGet() % 1000);
            if (!live.containsKey(id) && !history.contains(id)) {
                return id;
            }
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
