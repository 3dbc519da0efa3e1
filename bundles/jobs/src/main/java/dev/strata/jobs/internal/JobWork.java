package dev.strata.jobs.internal;

/** The body of one job; returns its one-line result. It runs once, on a job thread. */
@FunctionalInterface
public interface JobWork {
    String run(JobControl control) throws Exception;
}
