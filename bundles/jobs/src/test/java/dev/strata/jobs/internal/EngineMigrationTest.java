package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole store moved to another engine in place while a writer writes to it, held, cancelled, resumed, undone. */
class EngineMigrationTest {

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
        engine = runtime.engine(2, 100, 4096);
    }

    @AfterEach
    void stop() {
        engine.close();
        runtime.close();
    }

    /** Writes w.<n> through the storage service (as an application does), remembering what was acknowledged. */
    private final class Writer implements AutoCloseable {
        final Map<String, String> acked = new ConcurrentHashMap<>();
        final AtomicInteger refused = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Writer(String store, String prefix) {
            thread = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    String key = prefix + n;
                    try {
                        runtime.store(store).put(key, ("v" + n).getBytes(StandardCharsets.UTF_8));
                        acked.put(key, "v" + n);
                    } catch (StorageException e) {
                        refused.incrementAndGet(); // frozen, reopening: not acknowledged, so not promised
                        pause(2);
                    }
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> content(Store store) {
        Map<String, String> all = new TreeMap<>();
        try (EntryCursor cursor = store.scan(Scan.all())) {
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                all.put(e.key(), new String(e.value(), StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    private Map<String, String> seed(String name, String engineType, int keys) {
        Store store = runtime.define(name, engineType);
        Map<String, String> expected = new TreeMap<>();
        Map<String, byte[]> batch = new TreeMap<>();
        for (int i = 0; i < keys; i++) {
            String key = String.format("k%05d", i);
            expected.put(key, "value " + i);
            batch.put(key, ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
        store.putAll(batch);
        return expected;
    }

    private JobInfo await(JobInfo job) throws InterruptedException {
        return engine.await(job.id(), 120_000);
    }

    private JobInfo awaitMessage(JobInfo job, String part) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JobInfo now = engine.job(job.id()).orElseThrow();
            if (now.message().contains(part) || now.state().isFinal()) {
                return now;
            }
            pause(20);
        }
        throw new AssertionError("job never said '" + part + "'");
    }

    @Test
    void aStoreUnderContinuousWritesMovesToXodusAndBackKeepingEveryAcknowledgedWriteAndNothingElse()
            throws Exception {
        Map<String, String> expected = seed("orders", "file", 5000);
        JobInfo end;
        Writer writer = new Writer("orders", "w.");
        try (writer) {
            while (writer.acked.size() < 50) {
                pause(5);
            }
            end = await(engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), false, 0, false), "t"));
            pause(100); // writes on the new engine too
        }
        assertEquals(JobState.SUCCEEDED, end.state(), end.failure() + " " + end.report());
        assertEquals("xodus", runtime.definition("orders").get("backend"));
        assertEquals("orders@xodus", runtime.definition("orders").get("data.dir"));
        assertTrue(Files.isDirectory(dir.resolve("data/orders@xodus")));
        assertTrue(end.result().contains("writes frozen for") && end.result().contains("all equal"), end.result());
        expected.putAll(writer.acked);
        assertEquals(expected, content(runtime.store("orders")), "every acknowledged write, nothing else");

        Writer again = new Writer("orders", "x.");
        JobInfo undo;
        try (again) {
            while (again.acked.size() < 50) {
                pause(5);
            }
            undo = await(engine.submit(EngineMigrationRequest.undoLast("orders"), "t"));
        }
        assertEquals(JobState.SUCCEEDED, undo.state(), undo.failure() + " " + undo.report());
        assertEquals("file", runtime.definition("orders").get("backend"));
        assertFalse(runtime.definition("orders").containsKey("data.dir"), "back in its own directory");
        expected.putAll(again.acked);
        assertEquals(expected, content(runtime.store("orders")));
    }

    @Test
    void aHeldMigrationWaitsForConfirmationAndTheOldFilesHoldExactlyTheContentAtTheSwitch() throws Exception {
        Map<String, String> expected = seed("orders", "file", 3000);
        JobInfo job = engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), true, 0, false), "t");
        awaitMessage(job, "waiting for strata:migrate-confirm");
        runtime.store("orders").put("late", "written while held".getBytes(StandardCharsets.UTF_8));
        expected.put("late", "written while held");
        assertEquals("file", runtime.definition("orders").get("backend"), "nothing switched before the confirm");
        pause(1200); // a holding round catches the late write up
        engine.confirm(job.id());
        JobInfo end = await(job);
        assertEquals(JobState.SUCCEEDED, end.state(), end.failure() + " " + end.report());
        assertEquals(expected, content(runtime.store("orders")));
        assertThrows(InvalidArgumentException.class, () -> engine.confirm(job.id()));

        // the old directory, opened read-only on its own engine, holds exactly what the store held at the switch
        Map<String, String> old = new TreeMap<>(Map.of("name", "old", "backend", "file", "durability", "os",
                "data.dir", "orders", "read.only", "true"));
        assertEquals(expected, content(runtime.define(old)), "the source's files were not written to");
        runtime.remove("old");
    }

    @Test
    void aCancelledMigrationLeavesTheSourceServingUnchangedAndResubmittingResumesFromTheCopy() throws Exception {
        Map<String, String> expected = seed("orders", "file", 3000);
        Map<String, String> before = runtime.definition("orders");
        JobInfo job = engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), true, 0, false), "t");
        awaitMessage(job, "waiting for strata:migrate-confirm");
        engine.cancel(job.id());
        JobInfo end = await(job);
        assertEquals(JobState.CANCELLED, end.state());
        assertEquals(before, runtime.definition("orders"));
        assertEquals(StoreStatus.ONLINE, runtime.store("orders").info().status());
        assertEquals(expected, content(runtime.store("orders")));
        runtime.store("orders").put("after", "the cancel".getBytes(StandardCharsets.UTF_8));
        expected.put("after", "the cancel");
        assertTrue(end.report().stream().anyMatch(l -> l.contains("is kept: submitting the migration again")),
                end.report().toString());
        assertTrue(runtime.findStore(EngineSwitch_targetStore(job)).isEmpty(), "the job's target store is gone");

        JobInfo resumed = await(engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), false, 0,
                false), "t"));
        assertEquals(JobState.SUCCEEDED, resumed.state(), resumed.failure() + " " + resumed.report());
        assertTrue(resumed.result().contains("resumed: 3000 keys already in the target"), resumed.result());
        assertEquals(expected, content(runtime.store("orders")));
    }

    @Test
    void theKeysAMigrationShowsAsDoneAreInItsCopyWhenItIsCutShortInItsFirstPass() throws Exception {
        // fewer keys than one write batch: only the chunk boundary commits them before the pass ends
        Map<String, String> expected = seed("orders", "file", 400);
        engine.throttle().set(0.004);
        JobInfo job = engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), false, 0, false), "t");
        long deadline = System.currentTimeMillis() + 60_000;
        JobInfo shown = engine.job(job.id()).orElseThrow();
        while (shown.done() == 0 && !shown.state().isFinal() && System.currentTimeMillis() < deadline) {
            pause(5);
            shown = engine.job(job.id()).orElseThrow();
        }
        engine.cancel(job.id());
        JobInfo end = await(job);
        assertEquals(JobState.CANCELLED, end.state(), end.result());
        assertTrue(shown.done() > 0 && shown.done() < 400, "cut short inside the first pass: " + shown.done());
        engine.throttle().set(0);

        JobInfo resumed = await(engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), false, 0,
                false), "t"));
        assertEquals(JobState.SUCCEEDED, resumed.state(), resumed.failure() + " " + resumed.report());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("resumed: (\\d+) keys already in the target")
                .matcher(resumed.result());
        assertTrue(m.find(), resumed.result());
        assertTrue(Long.parseLong(m.group(1)) >= shown.done(), shown.done() + " shown as done: " + resumed.result());
        assertEquals(expected, content(runtime.store("orders")));
    }

    private static String EngineSwitch_targetStore(JobInfo job) {
        return "migration-" + job.id();
    }

    @Test
    void requestsThatCannotSwitchAreRefusedInOneLineBeforeAnythingRuns() {
        runtime.define("mem", "memory");
        seed("orders", "file", 10);
        assertEquals("backend 'memory' keeps nothing when its engine closes: a store moves in place only between "
                + "persistent engines (to copy into a 'memory' store, use strata:migrate <store> <other store> sync)",
                assertThrows(InvalidArgumentException.class, () -> engine.submit(new EngineMigrationRequest("mem",
                        "file", Map.of("durability", "os"), false, 0, false), "t")).getMessage());
        assertTrue(assertThrows(NotFoundException.class, () -> engine.submit(new EngineMigrationRequest("orders",
                "rocks", Map.of(), false, 0, false), "t")).getMessage().startsWith("no backend 'rocks' is installed"));
        assertEquals("store 'orders' has no engine switch to undo", assertThrows(NotFoundException.class,
                () -> engine.submit(EngineMigrationRequest.undoLast("orders"), "t")).getMessage());
        assertThrows(NotFoundException.class, () -> engine.submit(new EngineMigrationRequest("nowhere", "xodus",
                Map.of(), false, 0, false), "t"));
        assertThrows(InvalidArgumentException.class, () -> new EngineMigrationRequest("orders", "xodus",
                Map.of("data.dir", "elsewhere"), false, 0, false));
        assertEquals("file", runtime.definition("orders").get("backend"));
    }
}
