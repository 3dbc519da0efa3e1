package dev.strata.core.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.strata.api.management.FallbackReplayRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobState;
import dev.strata.api.management.StoreFallback;
import dev.strata.core.internal.fallback.FallbackRoute;

/**
 * Starts the replay of a store whose engine is back while its fallback journal holds writes: as a
 * {@link FallbackReplayRequest} job of the job service when there is one (so it shows in the jobs list and the
 * history), else on core's own thread. One launch per store at a time; after a failed or cancelled replay job the
 * next one waits {@value #RETRY_AFTER_MILLIS} ms (an operator may submit one at once).
 */
final class ReplayLauncher {

    static final long RETRY_AFTER_MILLIS = 10_000;
    static final String STARTED_BY = "core (fallback)";

    /** A replay started: its job's id (null when run by core itself), and since when it has ended (0: not yet). */
    private record Launch(String jobId, long endedAtMillis) { }

    private final Map<String, Launch> launched = new ConcurrentHashMap<>();
    private final StoreCatalog.Events events;
    private final Executor direct;

    ReplayLauncher(StoreCatalog.Events events, Executor direct) {
        this.events = events;
        this.direct = direct;
    }

    /** One look at every store: starts the replays that are due. */
    void tick(Collection<ManagedStore> stores, Optional<JobService> jobs, long nowMillis) {
        for (ManagedStore store : stores) {
            FallbackRoute route = store.fallback;
            if (route == null || busy(store.name(), jobs, nowMillis)) {
                continue;
            }
            try {
                if (route.replayWanted()) {
                    launch(store, jobs);
                }
            } catch (RuntimeException e) {
                events.error("Store '" + store.name() + "': its fallback replay could not be started: " + e, e);
            }
        }
    }

    private boolean busy(String store, Optional<JobService> jobs, long nowMillis) {
        Launch launch = launched.get(store);
        if (launch == null) {
            return false;
        }
        if (launch.endedAtMillis() == 0 && launch.jobId() != null) {
            Optional<JobState> state = jobs.flatMap(service -> service.job(launch.jobId())).map(JobInfo::state);
            if (state.isEmpty() || state.get().isFinal()) {
                boolean succeeded = state.isPresent() && state.get() == JobState.SUCCEEDED;
                launched.put(store, new Launch(launch.jobId(), succeeded ? 1 : nowMillis));
                return !succeeded;
            }
            return true;
        }
        if (launch.endedAtMillis() == 0 || nowMillis - launch.endedAtMillis() < RETRY_AFTER_MILLIS) {
            return true;
        }
        launched.remove(store, launch);
        return false;
    }

    private void launch(ManagedStore store, Optional<JobService> jobs) {
        String name = store.name();
        if (jobs.isPresent()) {
            JobInfo job = jobs.get().submit(new FallbackReplayRequest(name), STARTED_BY);
            launched.put(name, new Launch(job.id(), 0));
            events.info("Store '" + name + "': its engine is back; replay job " + job.id() + " applies the writes "
                    + "journaled in its fallback store");
            return;
        }
        launched.put(name, new Launch(null, 0));
        direct.execute(() -> {
            try {
                events.info(FallbackSetup.replay(store, QUIET));
            } catch (RuntimeException e) {
                events.error("Store '" + name + "': fallback replay failed (it is tried again): " + e.getMessage(), e);
            } finally {
                launched.put(name, new Launch(null, System.currentTimeMillis()));
            }
        });
    }

    /** Progress of a replay that no job reports. */
    static final StoreFallback.Progress QUIET = new StoreFallback.Progress() {
        @Override
        public void total(long commits) {
        }

        @Override
        public void applied(long commits) {
        }

        @Override
        public void message(String text) {
        }

        @Override
        public void checkCancelled() {
        }
    };
}
