package dev.strata.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobsMXBean;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The job commands: each submits one job and, unless {@code --no-wait}, follows it to its end with progress, exiting
 * 0 when it succeeded and 1 when it failed or was cancelled; {@code jobs}, {@code job} and {@code cancel} inspect
 * and stop them.
 */
final class JobCommands {

    private JobCommands() {
    }

    /** What every submitting command shares. */
    abstract static class Submit implements Callable<Integer> {
        @ParentCommand
        StrataCli cli;

        @Option(names = "--no-wait", description = "Print the queued job and return at once.")
        boolean noWait;

        abstract JobInfo submit(JobsMXBean jobs);

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = cli.connect()) {
                JobsMXBean jobs = runtime.jobs();
                JobInfo job = RuntimeConnection.call(() -> submit(jobs));
                if (noWait) {
                    cli.output().record(JobWatcher.summary(job));
                    return ExitCode.OK;
                }
                return follow(jobs, job);
            }
        }

        /** Follows the submitted job to its end (the exit code says how it ended). */
        int follow(JobsMXBean jobs, JobInfo job) {
            return JobWatcher.follow(jobs, job, cli.output(), cli.spec.commandLine().getErr(),
                    System.console() != null && !cli.json);
        }
    }

    @Command(name = "backup", description = "Back a store up, online, into one archive file.")
    static final class Backup extends Submit {
        @Parameters(paramLabel = "STORE")
        String store;
        @Option(names = "--file", description = "Archive file (default: a generated name in the backup folder).")
        String file = "";
        @Option(names = "--compression", description = "lz4, zstd, deflate or none.")
        String compression = "";
        @Option(names = "--key-alias", description = "Encrypt with this keystore key (AES-GCM).")
        String keyAlias = "";
        @Option(names = "--create-key", description = "Create the key alias when the keystore lacks it.")
        boolean createKey;
        @Option(names = "--test-restore", description = "Prove the archive: restore it into a scratch store and compare digests.")
        boolean testRestore;

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitBackup(new BackupRequest(store, file, compression, keyAlias, createKey, testRestore));
        }
    }

    @Command(name = "restore", description = "Restore an archive into a store (empty, or --overwrite).")
    static final class Restore extends Submit {
        @Parameters(index = "0", paramLabel = "ARCHIVE")
        String file;
        @Parameters(index = "1", paramLabel = "STORE")
        String store;
        @Option(names = "--overwrite", description = "Replace the content of a non-empty store.")
        boolean overwrite;

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitRestore(new RestoreRequest(file, store, overwrite));
        }
    }

    @Command(name = "verify", description = "Verify an archive without restoring it.")
    static final class Verify extends Submit {
        @Parameters(paramLabel = "ARCHIVE")
        String file;

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitVerify(new VerifyRequest(file));
        }
    }

    @Command(name = "migrate", description = "Copy (or --move) the keys matching a pattern into another store.")
    static final class Migrate extends Submit {
        @Parameters(index = "0", paramLabel = "SOURCE")
        String source;
        @Parameters(index = "1", paramLabel = "TARGET")
        String target;
        @Option(names = "--pattern", description = "Glob of the keys (default: every key).")
        String pattern = "*";
        @Option(names = "--move", description = "Delete migrated keys from the source.")
        boolean move;
        @Option(names = "--transform", description = "Name of a transform service.")
        String transform = "";

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitMigrate(new MigrateRequest(source, target, pattern, move, transform));
        }
    }

    @Command(name = "archive", description = "Move keys to the cold tier (archive files), then delete them live.")
    static final class Archive extends Submit {
        @Parameters(paramLabel = "STORE")
        String store;
        @Option(names = "--pattern", description = "Glob of the keys (default: every key in the range).")
        String pattern = "*";
        @Option(names = "--from", description = "First key (inclusive).")
        String from = "";
        @Option(names = "--to", description = "End key (exclusive).")
        String to = "";
        @Option(names = "--destination", description = "Directory of the store's archives.")
        String destination = "";
        @Option(names = "--compression")
        String compression = "";
        @Option(names = "--key-alias")
        String keyAlias = "";

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitArchive(new ArchiveRequest(store, pattern, from, to, destination, compression, keyAlias));
        }
    }

    @Command(name = "jobs", description = "Jobs queued and running; --history N for the N newest that ended.")
    static final class Jobs implements Callable<Integer> {
        @ParentCommand
        StrataCli cli;
        @Option(names = "--history", defaultValue = "0", description = "Also the N newest jobs that ended.")
        int history;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = cli.connect()) {
                JobsMXBean jobs = runtime.jobs();
                JobInfo[] listed = RuntimeConnection.call(() -> history > 0 ? concat(jobs.getActive(),
                        jobs.history(history)) : jobs.getActive());
                List<Map<String, Object>> rows = Arrays.stream(listed).map(JobWatcher::summary).toList();
                cli.output().table(JobWatcher.columns(), rows);
                return ExitCode.OK;
            }
        }

        private static JobInfo[] concat(JobInfo[] a, JobInfo[] b) {
            JobInfo[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    @Command(name = "job", description = "One job, running or ended, with its report.")
    static final class Job implements Callable<Integer> {
        @ParentCommand
        StrataCli cli;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return show(cli, jobs -> jobs.job(id));
        }
    }

    @Command(name = "cancel", description = "Cancel a job (it stops at its next chunk and removes what it made).")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        StrataCli cli;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return show(cli, jobs -> jobs.cancel(id));
        }
    }

    private static int show(StrataCli cli, Function<JobsMXBean, JobInfo> call) {
        try (RuntimeConnection runtime = cli.connect()) {
            JobsMXBean jobs = runtime.jobs();
            cli.output().record(JobWatcher.summary(RuntimeConnection.call(() -> call.apply(jobs))));
            return ExitCode.OK;
        }
    }
}
