package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.strata.api.Scan;
import dev.strata.api.Store;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.jobs.internal.archive.ArchiveWriter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEngineTest {

    @TempDir
    Path dir;
    TestRuntime runtime;

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private Store filled(String name, String engine, int keys, int valueBytes) {
        Store store = runtime.define(name, engine);
        byte[] value = new byte[valueBytes];
        for (int i = 0; i < keys; i++) {
            value[0] = (byte) i;
            store.put(String.format("k%06d", i), value);
        }
        return store;
    }

    private static JobInfo awaitState(JobEngine engine, String id, JobState state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JobInfo job = engine.job(id).orElseThrow();
            if (job.state() == state) {
                return job;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("job " + id + " never reached " + state + ": " + engine.job(id));
    }

    @Test
    void noMoreThanTheLimitRunAtOnceAndTheRestWaitQueued() throws Exception {
        filled("a", "memory", 10, 10);
        for (int i = 0; i < 4; i++) {
            runtime.define("t" + i, "memory");
        }
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        runtime.transforms.put("hold", entry -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            return Optional.of(entry);
        });
        JobEngine engine = runtime.engine(2, 100, 4096);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(engine.submit(new MigrateRequest("a", "t" + i, "*", false, "hold"), "test").id());
            }
            awaitState(engine, ids.get(0), JobState.RUNNING);
            awaitState(engine, ids.get(1), JobState.RUNNING);
            Thread.sleep(200);
            assertEquals(List.of(JobState.RUNNING, JobState.RUNNING, JobState.QUEUED, JobState.QUEUED),
                    ids.stream().map(id -> engine.job(id).orElseThrow().state()).toList());
            release.countDown();
            for (String id : ids) {
                assertEquals(JobState.SUCCEEDED, engine.await(id, 30_000).state());
            }
            assertEquals(2, most.get(), "at most two jobs were inside the transform at once");
        } finally {
            engine.close();
        }
    }

    @Test
    void aCancelledBackupIsCancelledAndLeavesNoFileBehind() throws Exception {
        filled("big", "file", 2000, 200);
        JobEngine engine = runtime.engine(1, 100, 4096);
        try {
            engine.throttle().set(0.05);
            Path file = dir.resolve("big.strata-backup");
            JobInfo job = engine.submit(new BackupRequest("big", file.toString(), "none", "", false, false), "t");
            awaitState(engine, job.id(), JobState.RUNNING);
            while (engine.job(job.id()).orElseThrow().done() == 0) {
                Thread.sleep(5);
            }
            assertTrue(Files.exists(ArchiveWriter.partialOf(file)), "the backup was under way");
            engine.cancel(job.id());
            JobInfo end = engine.await(job.id(), 30_000);
            assertEquals(JobState.CANCELLED, end.state());
            assertFalse(Files.exists(file));
            assertFalse(Files.exists(ArchiveWriter.partialOf(file)), "the temporary file was removed");
            engine.throttle().set(0);
        } finally {
            engine.close();
        }
    }

    @Test
    void aCancelledRestoreLeavesTheTargetEmpty() throws Exception {
        filled("src", "memory", 2000, 200);
        JobEngine engine = runtime.engine(1, 100, 4096);
        try {
            Path file = dir.resolve("src.strata-backup");
            assertEquals(JobState.SUCCEEDED, BackupRestoreTest.run(engine, new BackupRequest("src", file.toString(),
                    "", "", false, false)).state());
            Store target = runtime.define("target", "xodus");
            engine.throttle().set(0.05);
            JobInfo job = engine.submit(new RestoreRequest(file.toString(), "target", false), "t");
            while (target.scan(Scan.all().limit(1)).stream().findAny().isEmpty()) {
                Thread.sleep(5);
            }
            engine.cancel(job.id());
            assertEquals(JobState.CANCELLED, engine.await(job.id(), 30_000).state());
            assertTrue(target.scan(Scan.all()).stream().findAny().isEmpty(), "nothing is left in the target");
        } finally {
            engine.close();
        }
    }

    @Test
    void aQueuedJobIsCancelledAtOnce() throws Exception {
        filled("a", "memory", 10, 10);
        runtime.define("b", "memory");
        CountDownLatch release = new CountDownLatch(1);
        runtime.transforms.put("hold", entry -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(entry);
        });
        JobEngine engine = runtime.engine(1, 100, 4096);
        try {
            JobInfo first = engine.submit(new MigrateRequest("a", "b", "*", false, "hold"), "t");
            JobInfo second = engine.submit(new MigrateRequest("a", "b", "*", false, ""), "t");
            assertEquals(JobState.CANCELLED, engine.cancel(second.id()).state());
            release.countDown();
            assertEquals(JobState.SUCCEEDED, engine.await(first.id(), 30_000).state());
            assertEquals(JobState.CANCELLED, engine.job(second.id()).orElseThrow().state());
        } finally {
            engine.close();
        }
    }

    @Test
    void historySurvivesARestartWithRetentionAndInterruptedJobsEndFailedWithoutLeftovers() throws Exception {
        filled("a", "memory", 50, 10);
        JobEngine engine = runtime.engine(1, 3, 4096);
        List<JobInfo> done = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            done.add(BackupRestoreTest.run(engine, new BackupRequest("a", dir.resolve("b" + i).toString(), "", "",
                    false, false)));
        }
        engine.close();
        // a job that was running when the runtime died: its entry says RUNNING and its temporary file is there
        Path partial = ArchiveWriter.partialOf(dir.resolve("crashed"));
        Files.write(partial, new byte[100]);
        JobInfo running = new JobInfo("29991231-235959-001", "backup", "a", JobState.RUNNING, 5, -1, 50, "running",
                1, 2, 0, "", List.of("a"), "t", -1, 0, -1, "", List.of("output: " + dir.resolve("crashed")));
        runtime.store("system").put(JobHistory.PREFIX + running.id(), JobInfoCodec.encode(running));
        runtime.forget("system");

        runtime.define("system", "file");
        JobEngine restarted = runtime.engine(1, 3, 4096);
        try {
            List<JobInfo> history = restarted.history(0);
            assertEquals(3, history.size(), "retention keeps the three newest: " + history);
            JobInfo interrupted = history.get(0);
            assertEquals(running.id(), interrupted.id());
            assertEquals(JobState.FAILED, interrupted.state());
            assertTrue(interrupted.failure().startsWith("interrupted"), interrupted.failure());
            assertEquals(done.get(3).id(), history.get(1).id());
            assertEquals(done.get(3).result(), history.get(1).result());
            assertEquals(JobState.SUCCEEDED, history.get(1).state());
            assertTrue(restarted.job(done.get(0).id()).isEmpty(), "the oldest were dropped");
            assertTrue(restarted.job(done.get(1).id()).isEmpty(), "the oldest were dropped");
            assertFalse(Files.exists(partial), "the interrupted backup's temporary file was removed");
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")));
            }
        } finally {
            restarted.close();
        }
    }
}
