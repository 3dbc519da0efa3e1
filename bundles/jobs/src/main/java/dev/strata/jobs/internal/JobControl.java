package dev.strata.jobs.internal;

/** What a running job reports through, and where it learns that it should stop. */
public interface JobControl {

    /** The totals, when known ({@code -1}: unknown). */
    void totals(long keys, long bytes);

    /**
     * Records work done at a chunk boundary, waits for the throttle, and stops the job when it was cancelled.
     *
     * @throws JobCancelledException when the job was asked to stop
     */
    void chunkDone(long keysDone, long bytesDone, long bytesJustMoved);

    /** Records work done without waiting or stopping (for the last figures after the output is complete). */
    void progress(long keysDone, long bytesDone);

    /** Stops the job here when it was asked to (for loops that have no bytes to report). */
    void checkCancelled();

    /** The one-line status shown with the job. */
    void message(String text);

    /** Adds a line of evidence kept with the job. */
    void report(String line);

    /**
     * Waits until an operator confirms the job ({@code JobService.confirm}), running {@code meanwhile} about once a
     * second, with {@code message} shown.
     *
     * @throws JobCancelledException when the job is cancelled instead
     */
    void awaitConfirmation(String message, Runnable meanwhile);

    /** The job's id (for naming scratch stores and temporary files). */
    String jobId();
}
