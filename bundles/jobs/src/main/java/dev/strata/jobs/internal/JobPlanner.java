package dev.strata.jobs.internal;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;

/** Turns a request into the work that runs it, checking it against the running system first. */
public interface JobPlanner {

    /**
     * @throws dev.strata.api.StorageException when the request cannot run (unknown store, missing key, ...);
     *                                         nothing was queued
     */
    JobWork plan(JobRequest request);

    /** Removes what an interrupted job (found unfinished at start-up) may have left behind. */
    void cleanUpInterrupted(JobInfo job);
}
