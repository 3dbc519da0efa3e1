package dev.strata.api.management;

import java.util.List;

/**
 * What a job is asked to do: one immutable record per kind of job. A request is validated when it is built (bad
 * input is refused before anything runs) and again by the job service against the running system (unknown stores,
 * missing keys).
 */
public sealed interface JobRequest permits BackupRequest, RestoreRequest, VerifyRequest, MigrateRequest,
        ArchiveRequest, MaintenanceRequest, EngineMigrationRequest, FallbackReplayRequest {

    /** The job type shown in {@link JobInfo#type()}. */
    String type();

    /** The stores it works on, source first. */
    List<String> stores();
}
