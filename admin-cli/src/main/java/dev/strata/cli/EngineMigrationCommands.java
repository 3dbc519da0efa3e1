package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobsMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Moving a whole store to another engine in place ({@link EngineMigrationRequest}): start it, confirm a held one,
 * undo the last switch. All three redefine a store, so the runtime lets only role admin run them (exit code 3 for
 * anyone else).
 */
final class EngineMigrationCommands {

    private EngineMigrationCommands() {
    }

    @Command(name = "migrate-engine", description = "Move a store to another engine in place while it stays in use: "
            + "strata-cli migrate-engine files --to xodus --hold (role admin).")
    static final class MigrateEngine extends JobCommands.Submit {
        @Parameters(paramLabel = "STORE")
        String store;
        @Option(names = "--to", required = true, paramLabel = "BACKEND", description = "The engine to move it to.")
        String backend;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the new definition "
                + "(repeatable); settings not named are dropped, except durability.")
        Map<String, String> settings = new LinkedHashMap<>();
        @Option(names = "--hold", description = "Keep the copy caught up and wait for 'confirm <job>' before "
                + "freezing and switching.")
        boolean hold;
        @Option(names = "--keep-minutes", paramLabel = "N", defaultValue = "0", description = "How long the old "
                + "files are kept for an undo (default: the job service's keepSourceMinutes).")
        long keepMinutes;

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitEngineMigration(new EngineMigrationRequest(store, backend, settings, hold, keepMinutes,
                    false));
        }

        /** A held migration is followed until it waits for its confirmation, which another command gives. */
        @Override
        int follow(JobsMXBean jobs, JobInfo job) {
            if (!hold) {
                return super.follow(jobs, job);
            }
            int code = JobWatcher.follow(jobs, job, cli.output(), cli.spec.commandLine().getErr(),
                    System.console() != null && !cli.json, EngineMigrationCommands::waitsForConfirmation);
            JobInfo now = RuntimeConnection.call(() -> jobs.job(job.id()));
            if (!now.state().isFinal()) {
                cli.spec.commandLine().getErr().println("holding: switch with 'strata-cli confirm " + job.id()
                        + "', or stop with 'strata-cli cancel " + job.id() + "'");
            }
            return code;
        }
    }

    /** What the job service says while a held migration waits (EngineSwitch's message). */
    static boolean waitsForConfirmation(JobInfo job) {
        return job.state() == dev.strata.api.management.JobState.RUNNING && job.message().contains("waiting for");
    }

    @Command(name = "migrate-undo", description = "Switch a store back to the engine and files it had before its "
            + "last in-place migration, within the undo window (role admin).")
    static final class MigrateUndo extends JobCommands.Submit {
        @Parameters(paramLabel = "STORE")
        String store;

        @Override
        JobInfo submit(JobsMXBean jobs) {
            return jobs.submitEngineMigration(EngineMigrationRequest.undoLast(store));
        }
    }

    @Command(name = "confirm", description = "Let a held engine migration freeze its store and switch (role admin).")
    static final class Confirm implements Callable<Integer> {
        @ParentCommand
        StrataCli cli;
        @Parameters(paramLabel = "JOB")
        String id;
        @Option(names = "--no-wait", description = "Return once confirmed, without following the job to its end.")
        boolean noWait;

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = cli.connect()) {
                JobsMXBean jobs = runtime.jobs();
                JobInfo job = RuntimeConnection.call(() -> jobs.confirm(id));
                if (noWait) {
                    cli.output().record(JobWatcher.summary(job));
                    return ExitCode.OK;
                }
                return JobWatcher.follow(jobs, job, cli.output(), cli.spec.commandLine().getErr(),
                        System.console() != null && !cli.json);
            }
        }
    }
}
