package dev.strata.jobs.internal.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.strata.api.management.JobInfo;

/** Jobs as text for the shell: one-line progress, tables, details. */
final class JobPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private JobPrinter() {
    }

    static String progress(JobInfo job) {
        StringBuilder line = new StringBuilder();
        line.append(job.id()).append(' ').append(job.type()).append(' ').append(job.state());
        line.append(": ").append(job.done()).append(job.total() >= 0 ? "/" + job.total() : "").append(" keys, ");
        line.append(megabytes(job.bytes())).append(job.bytesTotal() >= 0 ? "/" + megabytes(job.bytesTotal()) : "");
        line.append(" MB");
        if (job.bytesPerSecond() > 0) {
            line.append(String.format(Locale.ROOT, ", %.1f MB/s", job.bytesPerSecond() / 1e6));
        }
        if (job.etaMillis() >= 0) {
            line.append(", ").append(job.etaMillis() / 1000).append(" s left");
        }
        return line.append(" - ").append(job.message()).toString();
    }

    /** The final line of a job: its result, or {@code error: <reason>}. */
    static String outcome(JobInfo job) {
        return switch (job.state()) {
            case SUCCEEDED -> "job " + job.id() + " " + job.type() + " succeeded: " + job.result();
            case CANCELLED -> "job " + job.id() + " " + job.type() + " cancelled" + (job.failure().isEmpty() ? ""
                    : ": " + job.failure());
            case FAILED -> "error: job " + job.id() + " " + job.type() + " failed: " + job.failure();
            default -> "job " + job.id() + " " + job.type() + " is " + job.state() + " (strata:job " + job.id()
                    + ")";
        };
    }

    static String table(List<JobInfo> jobs) {
        if (jobs.isEmpty()) {
            return "No jobs.";
        }
        StringBuilder out = new StringBuilder(String.format("%-19s %-14s %-10s %-16s %-9s %-8s %s%n", "ID", "TYPE",
                "STATE", "STORES", "STARTED", "BY", "RESULT"));
        for (JobInfo j : jobs) {
            String outcome = j.state().isFinal() ? (j.failure().isEmpty() ? j.result() : j.failure()) : j.message();
            out.append(String.format("%-19s %-14s %-10s %-16s %-9s %-8s %s%n", j.id(), j.type(), j.state(),
                    String.join(",", j.stores()), j.startedAt() == 0 ? "-" : TIME.format(Instant.ofEpochMilli(
                            j.startedAt())), j.startedBy(), clip(outcome, 100)));
        }
        return out.toString().stripTrailing();
    }

    static String details(JobInfo j) {
        StringBuilder out = new StringBuilder();
        out.append("id:        ").append(j.id()).append('\n');
        out.append("type:      ").append(j.type()).append('\n');
        out.append("stores:    ").append(String.join(", ", j.stores())).append('\n');
        out.append("by:        ").append(j.startedBy()).append('\n');
        out.append("state:     ").append(j.state()).append('\n');
        out.append("progress:  ").append(progress(j)).append('\n');
        out.append("queued:    ").append(time(j.queuedAt())).append('\n');
        out.append("started:   ").append(time(j.startedAt())).append('\n');
        out.append("ended:     ").append(time(j.endedAt())).append('\n');
        out.append("result:    ").append(j.result()).append('\n');
        out.append("failure:   ").append(j.failure());
        for (String line : j.report()) {
            out.append("\nevidence:  ").append(line);
        }
        return out.toString();
    }

    static void print(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    private static String time(long millis) {
        return millis == 0 ? "-" : Instant.ofEpochMilli(millis).toString();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1e6);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
