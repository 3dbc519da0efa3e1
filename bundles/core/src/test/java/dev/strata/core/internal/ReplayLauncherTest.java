package dev.strata.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.management.FallbackReplayRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobService;
import dev.strata.api.management.JobState;
import dev.strata.backend.memory.MemoryBackend;

/** Core starts a replay job when a store's engine is back with writes journaled, once, and again after a failure. */
class ReplayLauncherTest {

    @TempDir
    Path dir;

    /** A job service that records what it is asked to run and reports the states the test sets. */
    static final class RecordingJobs implements JobService {
        final List<JobRequest> submitted = new ArrayList<>();
        final Map<String, JobState> states = new HashMap<>();

        @Override
        public JobInfo submit(JobRequest request, String startedBy) {
            submitted.add(request);
            String id = "job-" + submitted.size();
            states.put(id, JobState.QUEUED);
            return job(id).orElseThrow();
        }

        @Override
        public Optional<JobInfo> job(String id) {
            JobState state = states.get(id);
            return state == null ? Optional.empty() : Optional.of(new JobInfo(id, "fallback-replay", "p", state, 0, 0,
                    0, "", 0, 0, 0, ""));
        }

        @Override
        public List<JobInfo> active() {
            return List.of();
        }

        @Override
        public JobInfo cancel(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobInfo confirm(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobInfo> history(int limit) {
            return List.of();
        }

        @Override
        public JobInfo await(String id, long timeoutMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setThrottle(double megabytesPerSecond) {
        }

        @Override
        public double throttle() {
            return 0;
        }

        @Override
        public int maxConcurrentJobs() {
            return 1;
        }

        @Override
        public Optional<byte[]> readArchived(String store, String key) {
            return Optional.empty();
        }
    }

    @Test
    void aReplayJobIsSubmittedOnceWhenTheEngineIsBackAndAgainAfterItFailed() {
        MemoryBackend memory = new MemoryBackend();
        ManagedStore fallback = new ManagedStore(MemoryStores.definition("fb", "memory"), dir.resolve("fb"));
        fallback.attach(memory, MemoryStores.info(memory, "memory"));
        ScriptedBackend scripted = new ScriptedBackend();
        ManagedStore primary = new ManagedStore(MemoryStores.definition("p", "memory", "fallback.store", "fb"),
                dir.resolve("p"));
        FallbackSetup.wire(primary, name -> name.equals("fb") ? Optional.of(fallback) : Optional.empty(),
                Clock.systemUTC());
        primary.attach(scripted, MemoryStores.info(scripted, "memory"));
        RecordingJobs jobs = new RecordingJobs();
        StoreCatalog.Events quiet = new StoreCatalog.Events() {
            @Override
            public void info(String message) {
            }

            @Override
            public void error(String message, Throwable cause) {
            }
        };
        ReplayLauncher launcher = new ReplayLauncher(quiet, Runnable::run);

        launcher.tick(List.of(primary), Optional.of(jobs), 0);
        assertEquals(0, jobs.submitted.size(), "nothing journaled: no replay");

        primary.engineAvailability("the server does not answer");
        primary.put("k", "v".getBytes(UTF_8));
        launcher.tick(List.of(primary), Optional.of(jobs), 1_000);
        assertEquals(0, jobs.submitted.size(), "the engine is still away: no replay yet");

        primary.engineAvailability("");
        launcher.tick(List.of(primary), Optional.of(jobs), 2_000);
        launcher.tick(List.of(primary), Optional.of(jobs), 2_500);
        assertEquals(List.of(new FallbackReplayRequest("p")), jobs.submitted, "one job, not one per tick");

        jobs.states.put("job-1", JobState.FAILED);
        launcher.tick(List.of(primary), Optional.of(jobs), 3_000);
        launcher.tick(List.of(primary), Optional.of(jobs), 3_000 + ReplayLauncher.RETRY_AFTER_MILLIS - 1);
        assertEquals(1, jobs.submitted.size(), "a failed replay is tried again only after a pause");
        launcher.tick(List.of(primary), Optional.of(jobs), 3_000 + ReplayLauncher.RETRY_AFTER_MILLIS + 1);
        assertEquals(2, jobs.submitted.size());

        // without a job service core runs the replay itself
        new ReplayLauncher(quiet, Runnable::run).tick(List.of(primary), Optional.empty(), 0);
        assertEquals("v", new String(primary.directGet("k").orElseThrow(), UTF_8));
        assertEquals(dev.strata.api.StoreStatus.ONLINE, primary.info().status());
        primary.detach("test ended", 1_000);
    }
}
