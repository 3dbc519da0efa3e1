package dev.strata.jobs.internal.shell;

import java.util.Set;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobService;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The job commands. A job command waits for its job and prints a progress line every second, then its outcome;
 * with the {@code async} flag it returns the job id at once. Expected failures come back as one line starting with
 * {@code error: }. Options are {@code name=value} words or bare flags after the positional arguments; patterns go
 * in quotes ({@code pattern='users.*'}) because Gogo expands a bare {@code *} against the file system.
 */
@Component(service = JobCommands.class)
@GogoCommand(scope = "strata", function = {"backup", "restore", "verify", "migrate", "archive", "maintain", "jobs",
        "job", "cancel", "throttle"})
public final class JobCommands {

    static final String BY = "shell";
    private final JobService jobs;

    @Activate
    public JobCommands(@Reference JobService jobs) {
        this.jobs = jobs;
    }

    /** {@code strata:backup <store> [file=..] [key=<alias>|newkey=<alias>] [compression=..] [test] [async]} */
    public String backup(String store, String... words) {
        return ShellOutput.run(() -> {
            Options o = Options.parse(words, Set.of("file", "key", "newkey", "compression"), Set.of("test", "async"));
            boolean create = !o.get("newkey").isEmpty();
            String alias = create ? o.get("newkey") : o.get("key");
            return submit(new BackupRequest(store, o.get("file"), o.get("compression"), alias, create,
                    o.flag("test")), o.flag("async"));
        });
    }

    /** {@code strata:restore <file> <store> [overwrite] [async]} */
    public String restore(String file, String store, String... words) {
        return ShellOutput.run(() -> {
            Options o = Options.parse(words, Set.of(), Set.of("overwrite", "async"));
            return submit(new RestoreRequest(file, store, o.flag("overwrite")), o.flag("async"));
        });
    }

    /** {@code strata:verify <file> [async]} */
    public String verify(String file, String... words) {
        return ShellOutput.run(() -> submit(new VerifyRequest(file), Options.parse(words, Set.of(), Set.of("async"))
                .flag("async")));
    }

    /**
     * {@code strata:migrate <source> <target> [pattern='users.*'] [move] [transform=<name>] [sync] [async]}, or
     * {@code strata:migrate <store> engine=<backend> [<setting>=<value>...] [keep=<minutes>] [hold] [async]}: the
     * whole store moved to another engine in place.
     */
    public String migrate(String source, String target, String... words) {
        if (target.startsWith("engine=")) {
            return ShellOutput.run(() -> submit(jobs, MigrationCommands.engineRequest(source, target, words),
                    java.util.Arrays.asList(words).contains("async")));
        }
        return ShellOutput.run(() -> {
            Options o = Options.parse(words, Set.of("pattern", "transform"), Set.of("move", "sync", "async"));
            return submit(new MigrateRequest(source, target, o.get("pattern"), o.flag("move"), o.get("transform"),
                    o.flag("sync")), o.flag("async"));
        });
    }

    /**
     * {@code strata:archive <store> [pattern=..] [from=..] [to=..] [olderThan=30d] [dest=<dir>] [key=<alias>]
     * [compression=..]}: {@code olderThan} (days, or a number with ms, s, m or h) keeps keys written within that age
     * out of the archive.
     */
    public String archive(String store, String... words) {
        return ShellOutput.run(() -> {
            Options o = Options.parse(words, Set.of("pattern", "from", "to", "dest", "key", "compression",
                    "olderThan"), Set.of("async"));
            String olderThan = o.get("olderThan");
            String before = olderThan == null || olderThan.isEmpty() ? ""
                    : java.time.Instant.now().minusMillis(dev.strata.api.spi.support.SettingValues.durationMillis(
                            "olderThan", olderThan, java.util.concurrent.TimeUnit.DAYS)).toString();
            return submit(new ArchiveRequest(store, o.get("pattern"), o.get("from"), o.get("to"), o.get("dest"),
                    o.get("compression"), o.get("key"), before), o.flag("async"));
        });
    }

    /** {@code strata:maintain <store> verify|checkpoint|compact [async]} */
    public String maintain(String store, String operation, String... words) {
        return ShellOutput.run(() -> {
            MaintenanceRequest.Operation op;
            try {
                op = MaintenanceRequest.Operation.valueOf(operation.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("unknown maintenance operation '" + operation
                        + "' (verify, checkpoint, compact)");
            }
            return submit(new MaintenanceRequest(store, op), Options.parse(words, Set.of(), Set.of("async"))
                    .flag("async"));
        });
    }

    /** {@code strata:jobs}: the jobs queued or running, then the 20 most recent that ended. */
    public String jobs() {
        return ShellOutput.run(() -> "Active:\n" + JobPrinter.table(jobs.active()) + "\n\nHistory (newest first):\n"
                + JobPrinter.table(jobs.history(20)));
    }

    /** {@code strata:job <id>}: everything about one job, with its evidence. */
    public String job(String id) {
        return ShellOutput.run(() -> JobPrinter.details(jobs.job(id)
                .orElseThrow(() -> new NotFoundException("no job '" + id + "'"))));
    }

    /** {@code strata:cancel <id>} */
    public String cancel(String id) {
        return ShellOutput.run(() -> {
            JobInfo job = jobs.cancel(id);
            return job.state().isFinal() ? JobPrinter.outcome(job) : "job " + id + ": " + job.message();
        });
    }

    /** {@code strata:throttle}: the shared bandwidth limit; {@code strata:throttle <MB/s>} changes it (0: none). */
    public String throttle(String... words) {
        return ShellOutput.run(() -> {
            if (words != null && words.length == 1) {
                try {
                    jobs.setThrottle(Double.parseDouble(words[0]));
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("throttle must be a number of MB/s, was '" + words[0] + "'");
                }
            }
            double mbps = jobs.throttle();
            return mbps == 0 ? "throttle: unlimited" : "throttle: " + java.math.BigDecimal.valueOf(mbps)
                    .stripTrailingZeros().toPlainString() + " MB/s shared by all jobs";
        });
    }

    private String submit(JobRequest request, boolean async) throws InterruptedException {
        return submit(jobs, request, async);
    }

    static String submit(JobService jobs, JobRequest request, boolean async) throws InterruptedException {
        JobInfo job = jobs.submit(request, BY);
        if (async) {
            return "job " + job.id() + " " + job.type() + " queued (strata:job " + job.id() + ")";
        }
        while (true) {
            job = jobs.await(job.id(), 1000);
            if (job.state().isFinal()) {
                return JobPrinter.outcome(job);
            }
            JobPrinter.print(System.out, JobPrinter.progress(job));
        }
    }
}
