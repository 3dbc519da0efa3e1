package dev.strata.management.internal.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.StorageEvents;

/**
 * Finds jobs that reached a final state since the last look, from the job service's history (newest first), so
 * {@link StorageEvents#JOB_FINISHED} is posted once per job without a hook in the jobs bundle. A job that started
 * and ended between two looks is found too: it is in the history.
 */
final class FinishedJobs {

    /** How many finished jobs are remembered, so a job leaving the history window is not reported again. */
    static final int REMEMBERED = 1_000;

    private final Set<String> reported = new LinkedHashSet<>();

    /** Remembers the jobs finished so far without reporting them (the component's start). */
    void seed(List<JobInfo> history) {
        history.forEach(job -> remember(job.id()));
    }

    /** The finished jobs not reported yet, oldest first, as event properties. */
    List<Map<String, Object>> next(List<JobInfo> history) {
        List<Map<String, Object>> fresh = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            JobInfo job = history.get(i);
            if (job.state().isFinal() && !reported.contains(job.id())) {
                remember(job.id());
                fresh.add(Map.of(StorageEvents.JOB_ID, job.id(), StorageEvents.JOB_TYPE, job.type(),
                        StorageEvents.JOB_STATE, job.state().name(), StorageEvents.STORE, job.store(),
                        StorageEvents.REASON, job.failure() == null ? job.message() : job.failure()));
            }
        }
        return fresh;
    }

    private void remember(String id) {
        reported.add(id);
        if (reported.size() > REMEMBERED) {
            reported.remove(reported.iterator().next());
        }
    }
}
