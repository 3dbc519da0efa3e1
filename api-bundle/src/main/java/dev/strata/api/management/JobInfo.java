package dev.strata.api.management;

/**
 * A job as the console and the CLI see it. An immutable snapshot; timings are epoch milliseconds, 0 when not yet.
 *
 * @param id        unique job id
 * @param type      what it does: {@code backup}, {@code restore}, {@code verify}, {@code migrate}, ...
 * @param store     the store it works on
 * @param state     where it is
 * @param done      units of work done
 * @param total     units of work in all, or -1 when unknown
 * @param bytes     bytes processed
 * @param message   the latest human-readable status
 * @param queuedAt  when it was submitted
 * @param startedAt when it started running
 * @param endedAt   when it reached a final state
 * @param result    what it produced (a file path, a report line), empty until it succeeds
 */
public record JobInfo(String id, String type, String store, JobState state, long done, long total, long bytes,
        String message, long queuedAt, long startedAt, long endedAt, String result) {

    public JobInfo {
        message = message == null ? "" : message;
        result = result == null ? "" : result;
    }

    /** Progress from 0 to 1, or -1 when the total is unknown. */
    public double progress() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
