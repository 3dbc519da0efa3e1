package dev.strata.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;

/**
 * The fake runtime's engine migrations, refusing as the real one does: only admin may start or confirm one (the
 * access policy's SecurityException), a store must exist, a memory engine cannot take a store in place. A held job
 * waits (RUNNING, "waiting for ...") until confirmed, then succeeds after two polls.
 */
final class FakeEngineMigrations {

    private record Job(EngineMigrationRequest request, String user) {
    }

    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    private final Map<String, Boolean> confirmed = new HashMap<>();
    /** Requests accepted, in order, as the CLI sent them. */
    final List<EngineMigrationRequest> accepted = new java.util.ArrayList<>();

    boolean has(String id) {
        return jobs.containsKey(id);
    }

    synchronized JobInfo submit(EngineMigrationRequest request, String user) {
        requireAdmin(user, "submitEngineMigration");
        if (!request.store().equals("files")) {
            throw new NotFoundException("No store named '" + request.store() + "'. Defined stores: files");
        }
        if (request.backend().equals("memory")) {
            throw new InvalidArgumentException("backend 'memory' keeps nothing when its engine closes: a store moves "
                    + "in place only between persistent engines");
        }
        String id = "mig-" + (jobs.size() + 1);
        jobs.put(id, new Job(request, user));
        confirmed.put(id, !request.hold());
        accepted.add(request);
        return info(id);
    }

    synchronized JobInfo confirm(String id, String user) {
        requireAdmin(user, "confirm");
        if (!jobs.containsKey(id)) {
            throw new NotFoundException("no job '" + id + "'");
        }
        if (confirmed.get(id)) {
            throw new InvalidArgumentException("job " + id + " does not wait for a confirmation");
        }
        confirmed.put(id, true);
        return info(id);
    }

    synchronized JobInfo poll(String id) {
        if (confirmed.get(id)) {
            polls.merge(id, 1, Integer::sum);
        }
        return info(id);
    }

    synchronized JobInfo info(String id) {
        Job job = jobs.get(id);
        EngineMigrationRequest r = job.request();
        int step = polls.getOrDefault(id, 0);
        boolean waiting = !confirmed.get(id);
        JobState state = step < 2 ? JobState.RUNNING : JobState.SUCCEEDED;
        String message = waiting ? "caught up; waiting for strata:migrate-confirm " + id + " to freeze and switch"
                : state == JobState.RUNNING ? "freezing '" + r.store() + "'" : "done";
        String result = state != JobState.SUCCEEDED ? "" : r.undo() ? "switched '" + r.store() + "' back to 'file'"
                : "switched '" + r.store() + "' to '" + r.backend() + "' (keep " + r.keepSourceMinutes() + " min)";
        return new JobInfo(id, r.type(), r.store(), state, 10, 10, 100, message, 1, 2, state.isFinal() ? 3 : 0,
                result, List.of(r.store()), job.user(), 100, 1e6, -1, "", List.of("settings: " + r.settings()));
    }

    private static void requireAdmin(String user, String operation) {
        if (!user.equals("admin")) {
            throw new SecurityException("Access denied: user '" + user + "' (role monitor) may not " + operation
                    + " on dev.strata:type=Jobs; needs role admin");
        }
    }
}
