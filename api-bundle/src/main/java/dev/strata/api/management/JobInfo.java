package dev.strata.api.management;

import java.util.List;

/**
 * A job as the console and the CLI see it. An immutable snapshot; timings are epoch milliseconds, 0 when not yet.
 * Every component is a simple type (strings, numbers, an enum, lists of strings), so a JMX bean maps it to open data
 * without custom code.
 *
 * @param id             unique job id
 * @param type           what it does: {@code backup}, {@code restore}, {@code verify}, {@code migrate},
 *                       {@code archive}, {@code maintenance}
 * @param store          the (first) store it works on; empty for jobs on a file only (verify)
 * @param state          where it is
 * @param done           keys done
 * @param total          keys in all, or -1 when unknown
 * @param bytes          key and value bytes done
 * @param message        the latest human-readable status, one line
 * @param queuedAt       when it was submitted
 * @param startedAt      when it started running
 * @param endedAt        when it reached a final state
 * @param result         what it produced (the archive file and digest, a report line), empty until it succeeds
 * @param stores         every store it works on (source first), possibly empty
 * @param startedBy      who submitted it (a user name, {@code shell}, {@code jmx}, {@code schedule})
 * @param bytesTotal     bytes in all, or -1 when unknown
 * @param bytesPerSecond the recent rate, 0 when not running
 * @param etaMillis      estimated milliseconds left, or -1 when unknown
 * @param failure        why it failed or was cancelled, one line; empty otherwise
 * @param report         evidence kept with the job (digests compared, the test restore, per-step figures)
 */
public record JobInfo(String id, String type, String store, JobState state, long done, long total, long bytes,
        String message, long queuedAt, long startedAt, long endedAt, String result, List<String> stores,
        String startedBy, long bytesTotal, double bytesPerSecond, long etaMillis, String failure, List<String> report) {

    public JobInfo {
        store = store == null ? "" : store;
        message = message == null ? "" : message;
        result = result == null ? "" : result;
        stores = stores == null ? List.of() : List.copyOf(stores);
        startedBy = startedBy == null ? "" : startedBy;
        failure = failure == null ? "" : failure;
        report = report == null ? List.of() : List.copyOf(report);
    }

    /** The shape of version 0.1 of this package, kept so that code written against it still links. */
    public JobInfo(String id, String type, String store, JobState state, long done, long total, long bytes,
            String message, long queuedAt, long startedAt, long endedAt, String result) {
        this(id, type, store, state, done, total, bytes, message, queuedAt, startedAt, endedAt, result,
                store == null || store.isEmpty() ? List.of() : List.of(store), "", -1, 0, -1, "", List.of());
    }

    /** Progress from 0 to 1, or -1 when the total is unknown. */
    public double progress() {
        if (total > 0) {
            return Math.min(1.0, (double) done / total);
        }
        return bytesTotal <= 0 ? -1 : Math.min(1.0, (double) bytes / bytesTotal);
    }
}
