package dev.strata.jobs.internal.work;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;
import dev.strata.jobs.internal.JobPlanner;
import dev.strata.jobs.internal.JobWork;

/** Plans each kind of request into its job. */
public final class Jobs implements JobPlanner {

    private final JobEnvironment env;

    public Jobs(JobEnvironment env) {
        this.env = env;
    }

    @Override
    public JobWork plan(JobRequest request) {
        if (request instanceof BackupRequest r) {
            return BackupJob.plan(r, env);
        } else if (request instanceof RestoreRequest r) {
            return RestoreJob.plan(r, env);
        } else if (request instanceof VerifyRequest r) {
            return VerifyJob.plan(r, env);
        } else if (request instanceof MigrateRequest r) {
            return MigrateJob.plan(r, env);
        } else if (request instanceof ArchiveRequest r) {
            return ColdArchiveJob.plan(r, env);
        } else if (request instanceof MaintenanceRequest r) {
            return MaintenanceJob.plan(r, env);
        } else if (request instanceof EngineMigrationRequest r) {
            return EngineSwitchPlan.plan(r, env);
        } else if (request instanceof dev.strata.api.management.FallbackReplayRequest r) {
            return FallbackReplayJob.plan(r, env);
        }
        throw new InvalidArgumentException("unknown job request " + request.getClass().getName());
    }

    @Override
    public void cleanUpInterrupted(JobInfo job) {
        Leftovers.remove(job);
        if (EngineSwitchRecovery.concerns(job)) {
            EngineSwitchRecovery.recover(job, env, env.keepSourceMinutes());
        }
    }
}
