package dev.strata.jobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobState;

/**
 * One job from submission to its end: its progress (written by its own thread at chunk boundaries, read by anyone)
 * and its cancel flag. State changes happen under this object's monitor so that a cancel racing the start or the
 * end of the job is decided once.
 */
final class RunningJob implements JobControl {

    private final String id;
    private final JobRequest request;
    private final String startedBy;
    private final long queuedAt = System.currentTimeMillis();
    private final Throttle throttle;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<String> report = new ArrayList<>();

    private JobState state = JobState.QUEUED;
    private volatile boolean cancelRequested;
    private boolean awaitingConfirmation;
    private volatile Runnable evidenceListener;
    private boolean confirmed;
    private volatile long keysDone;
    private volatile long bytesDone;
    private volatile long keysTotal = -1;
    private volatile long bytesTotal = -1;
    private volatile String message = "queued";
    private long startedAt;
    private long startedNanos;
    private long endedAt;
    private String result = "";
    private String failure = "";

    RunningJob(String id, JobRequest request, String startedBy, Throttle throttle) {
        this.id = id;
        this.request = request;
        this.startedBy = startedBy;
        this.throttle = throttle;
    }

    @Override
    public String jobId() {
        return id;
    }

    JobRequest request() {
        return request;
    }

    /** Moves QUEUED to RUNNING; false when the job was cancelled while it waited. */
    synchronized boolean start() {
        if (state != JobState.QUEUED) {
            return false;
        }
        state = JobState.RUNNING;
        startedAt = System.currentTimeMillis();
        startedNanos = System.nanoTime();
        message = "running";
        return true;
    }

    /** Asks the job to stop; a queued job ends at once. Returns whether it ended now. */
    synchronized boolean cancel() {
        if (state.isFinal()) {
            return false;
        }
        cancelRequested = true;
        if (state == JobState.QUEUED) {
            finish(JobState.CANCELLED, "", "cancelled before it started");
            return true;
        }
        message = "cancelling at the next chunk boundary";
        notifyAll();
        return false;
    }

    /** Lets a job waiting in {@link #awaitConfirmation} go on; false when it does not wait for one. */
    synchronized boolean confirm() {
        if (!awaitingConfirmation || state.isFinal()) {
            return false;
        }
        confirmed = true;
        notifyAll();
        return true;
    }

    @Override
    public void awaitConfirmation(String text, Runnable meanwhile) {
        synchronized (this) {
            awaitingConfirmation = true;
            message = text;
        }
        try {
            while (true) {
                synchronized (this) {
                    if (confirmed) {
                        message = "confirmed";
                        return;
                    }
                    checkCancelled();
                    wait(1000);
                    if (confirmed) {
                        message = "confirmed";
                        return;
                    }
                    checkCancelled();
                }
                meanwhile.run();
                message = text;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException("interrupted while waiting for a confirmation");
        } finally {
            synchronized (this) {
                awaitingConfirmation = false;
            }
        }
    }

    synchronized void finish(JobState end, String resultLine, String failureLine) {
        if (state.isFinal()) {
            return;
        }
        state = end;
        endedAt = System.currentTimeMillis();
        result = resultLine == null ? "" : resultLine;
        failure = failureLine == null ? "" : failureLine;
        message = switch (end) {
            case SUCCEEDED -> "done";
            case CANCELLED -> "cancelled";
            default -> "failed";
        };
        ended.countDown();
    }

    boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        return ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    synchronized boolean isFinal() {
        return state.isFinal();
    }

    @Override
    public void totals(long keys, long bytes) {
        keysTotal = keys;
        bytesTotal = bytes;
    }

    @Override
    public void chunkDone(long keys, long bytes, long bytesJustMoved) {
        keysDone = keys;
        bytesDone = bytes;
        checkCancelled();
        try {
            throttle.acquire(bytesJustMoved, () -> cancelRequested);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelRequested = true;
        }
        checkCancelled();
    }

    @Override
    public void progress(long keys, long bytes) {
        keysDone = keys;
        bytesDone = bytes;
    }

    @Override
    public void checkCancelled() {
        if (cancelRequested) {
            throw new JobCancelledException("cancelled by request");
        }
    }

    @Override
    public void message(String text) {
        message = text;
    }

    /** Runs after each line of evidence is added (the engine records the job, so a leftover is found after a kill). */
    void onEvidence(Runnable listener) {
        this.evidenceListener = listener;
    }

    @Override
    public void report(String line) {
        synchronized (this) {
            report.add(line);
        }
        Runnable listener = evidenceListener;
        if (listener != null && line.startsWith("output: ")) {
            listener.run();
        }
    }

    synchronized JobInfo info() {
        long elapsedNanos = state == JobState.RUNNING ? System.nanoTime() - startedNanos : 0;
        double rate = elapsedNanos > 0 ? bytesDone / (elapsedNanos / 1e9) : 0;
        long eta = -1;
        if (state == JobState.RUNNING && rate > 0 && bytesTotal > 0) {
            eta = (long) (Math.max(0, bytesTotal - bytesDone) / rate * 1000);
        }
        List<String> stores = request.stores();
        return new JobInfo(id, request.type(), stores.isEmpty() ? "" : stores.get(0), state, keysDone, keysTotal,
                bytesDone, message, queuedAt, startedAt, endedAt, result, stores, startedBy, bytesTotal, rate, eta,
                failure, List.copyOf(report));
    }
}
