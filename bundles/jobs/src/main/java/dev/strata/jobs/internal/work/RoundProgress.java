package dev.strata.jobs.internal.work;

import dev.strata.jobs.internal.JobControl;

/**
 * The job's control as a catch-up round of an engine migration sees it. A round walks the whole source again, from
 * its first key, to find what changed; reporting that walk's count as the job's progress would send "keys done" back
 * to 0 at every round (every second while a migration holds before its switch) although every key is already in
 * the target. So a round throttles, cancels, shows its message and adds evidence as the job does, but leaves the
 * figures alone: they stay those of the last walk that ended (the source's keys and bytes at that snapshot, all of
 * them in the target, done and total alike), and {@link #roundEnded} moves them to the round's own at its end.
 */
final class RoundProgress implements JobControl {

    private final JobControl job;
    private long keys;
    private long bytes;

    /** Starts from the figures of the copy: {@code keys} and {@code bytes} of the source, all in the target. */
    RoundProgress(JobControl job, long keys, long bytes) {
        this.job = job;
        roundEnded(keys, bytes);
    }

    /** A round ended having walked {@code keys} and {@code bytes} of the source: done and total are those now. */
    void roundEnded(long sourceKeys, long sourceBytes) {
        keys = sourceKeys;
        bytes = sourceBytes;
        job.totals(keys, bytes);
        job.progress(keys, bytes);
    }

    @Override
    public void totals(long keysTotal, long bytesTotal) {
        // the round's walk does not know the job's totals; roundEnded sets them
    }

    @Override
    public void chunkDone(long keysDone, long bytesDone, long bytesJustMoved) {
        job.chunkDone(keys, bytes, bytesJustMoved); // throttled and cancellable, figures unchanged
    }

    @Override
    public void progress(long keysDone, long bytesDone) {
        // the walk's own count; roundEnded reports the round's figures
    }

    @Override
    public void checkCancelled() {
        job.checkCancelled();
    }

    @Override
    public void message(String text) {
        job.message(text);
    }

    @Override
    public void report(String line) {
        job.report(line);
    }

    @Override
    public void awaitConfirmation(String message, Runnable meanwhile) {
        job.awaitConfirmation(message, meanwhile);
    }

    @Override
    public String jobId() {
        return job.jobId();
    }
}
