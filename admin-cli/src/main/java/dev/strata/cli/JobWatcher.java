package dev.strata.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.JobsMXBean;

/**
 * Follows a submitted job to its end: a progress bar redrawn in place on a terminal, a plain line per change when
 * the output is piped (cron mails stay readable). Exit code 0 when the job succeeded, 1 when it failed or was
 * cancelled.
 */
final class JobWatcher {

    private static final int BAR = 30;
    private static final long POLL_MILLIS = 500;

    private JobWatcher() {
    }

    static int follow(JobsMXBean jobs, JobInfo submitted, Output output, PrintWriter err, boolean terminal) {
        return follow(jobs, submitted, output, err, terminal, job -> false);
    }

    /**
     * Follows the job until it ends or, earlier, until {@code enough} holds for it (a held migration waiting for
     * its confirmation): then its summary is printed and the exit code is 0, as the job is where it should be.
     */
    static int follow(JobsMXBean jobs, JobInfo submitted, Output output, PrintWriter err, boolean terminal,
            java.util.function.Predicate<JobInfo> enough) {
        JobInfo job = submitted;
        String lastLine = "";
        while (!job.state().isFinal() && !enough.test(job)) {
            String id = job.id();
            job = RuntimeConnection.call(() -> jobs.awaitJob(id, POLL_MILLIS));
            String line = progressLine(job);
            if (terminal) {
                err.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
                err.flush();
            } else if (!line.equals(lastLine)) {
                err.println(line);
            }
            lastLine = line;
        }
        if (terminal) {
            err.println();
        }
        output.record(summary(job));
        if (!job.state().isFinal()) {
            return ExitCode.OK;
        }
        return job.state() == JobState.SUCCEEDED ? ExitCode.OK : ExitCode.FAILED;
    }

    static String progressLine(JobInfo job) {
        double progress = job.progress();
        String bar = progress < 0 ? "" : "[" + "#".repeat((int) (progress * BAR))
                + " ".repeat(BAR - (int) (progress * BAR)) + "] " + String.format("%3.0f%% ", progress * 100);
        String rate = job.bytesPerSecond() > 0 ? String.format(" %.1f MB/s", job.bytesPerSecond() / 1e6) : "";
        String eta = job.etaMillis() >= 0 && !job.state().isFinal() ? " eta " + (job.etaMillis() / 1000) + "s" : "";
        return job.type() + " " + job.id() + " " + job.state() + " " + bar + job.done() + " keys" + rate + eta
                + (job.message().isEmpty() ? "" : " - " + job.message());
    }

    static Map<String, Object> summary(JobInfo job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", job.id());
        fields.put("type", job.type());
        fields.put("state", job.state().name());
        fields.put("stores", String.join(", ", job.stores()));
        fields.put("startedBy", job.startedBy());
        fields.put("keys", job.done());
        fields.put("bytes", job.bytes());
        if (!job.state().isFinal()) {
            fields.put("message", job.message()); // what it is doing now, e.g. waiting for a confirmation
        }
        fields.put("result", job.result());
        if (!job.failure().isEmpty()) {
            fields.put("failure", job.failure());
        }
        if (!job.report().isEmpty()) {
            fields.put("report", String.join("; ", job.report()));
        }
        return fields;
    }

    static List<String> columns() {
        return List.of("id", "type", "state", "stores", "startedBy", "keys", "result");
    }
}
