package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runtime dies inside the freeze window of an in-place engine migration, with a writer writing: the job's thread
 * stops for good at the moment the store is frozen, at the moment it is about to be switched, or right after the
 * switch was applied and before it was recorded ({@link TestRuntime#killAt}); the stores close as a dying process's
 * do, and a new runtime starts over the same files and the same (persisted) store definitions. It finds the store
 * on exactly one definition (its original one, writable, or the new engine's, undoable) with every acknowledged
 * write, no frozen definition, and no leftover store of the job.
 */
class KillInFreezeWindowTest {

    /** Where the job's thread stops. */
    enum Point {
        /** The read-only redefinition is applied: the final catch-up has not run. */
        FROZEN(false),
        /** Caught up and proven equal, the switch is about to be applied. */
        BEFORE_SWITCH(false),
        /** The store serves on the new engine; the switch is not yet recorded. */
        SWITCHED(true);

        final boolean switched;

        Point(boolean switched) {
            this.switched = switched;
        }
    }

    @TempDir
    Path dir;
    TestRuntime restarted;
    JobEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Point.class)
    void aKillInsideTheFreezeWindowLeavesTheStoreOnExactlyOneDefinitionWithEveryAcknowledgedWrite(Point point)
            throws Exception {
        TestRuntime runtime = new TestRuntime(dir);
        Store orders = runtime.define("orders", "file");
        Map<String, String> acked = new ConcurrentHashMap<>();
        for (int i = 0; i < 2000; i++) {
            orders.put(String.format("k%05d", i), ("v" + i).getBytes(StandardCharsets.UTF_8));
            acked.put(String.format("k%05d", i), "v" + i);
        }
        Map<String, String> original = runtime.definition("orders");
        runtime.killAt(point.name(), (store, definition) -> store.equals("orders") && switch (point) {
            case FROZEN -> "true".equals(definition.get("read.only"));
            case BEFORE_SWITCH, SWITCHED -> "xodus".equals(definition.get("backend"));
        }, point != Point.BEFORE_SWITCH);
        JobEngine first = runtime.engine(1, 100, 4096);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int n = 0; writing.get(); n++) {
                try {
                    runtime.store("orders").put("w" + n, ("x" + n).getBytes(StandardCharsets.UTF_8));
                    acked.put("w" + n, "x" + n);
                    pause(); // about 500 writes a second: the catch-up rounds converge even on a loaded machine
                } catch (StorageException e) {
                    pause(); // frozen or reopening: not acknowledged, so not promised
                }
            }
        });
        writer.start();
        JobInfo job = first.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), false, 0, false), "t");
        assertTrue(runtime.killed.await(120, TimeUnit.SECONDS), "the job reached " + point);
        Thread.sleep(50); // writes go on against whatever serves now
        writing.set(false);
        writer.join();

        // the process dies: no job code runs any more (its thread stays stopped), the engines close, the store
        // definitions persist as ConfigAdmin keeps them
        Map<String, Map<String, String>> persisted = runtime.definitions();
        runtime.close();

        restarted = new TestRuntime(dir);
        persisted.values().forEach(restarted::define);
        engine = restarted.engine(1, 100, 4096);

        Map<String, String> now = restarted.definition("orders");
        assertFalse(now.containsKey("read.only"), "not left frozen: " + now);
        if (point.switched) {
            assertEquals("xodus", now.get("backend"));
            assertEquals("orders@xodus", now.get("data.dir"));
        } else {
            assertEquals(original, now, "the original definition back");
        }
        assertTrue(restarted.findStore(EngineSwitch_target(job)).isEmpty(), "the job's own store is gone");
        assertEquals(new TreeMap<>(acked), content(restarted.store("orders")), "every acknowledged write, nothing else");
        JobInfo interrupted = engine.job(job.id()).orElseThrow();
        assertEquals(JobState.FAILED, interrupted.state());
        assertTrue(interrupted.failure().startsWith("interrupted"), interrupted.failure());
        restarted.store("orders").put("after.restart", "written".getBytes(StandardCharsets.UTF_8));

        // and it can go on: a switched store can be undone, an unswitched one migrated again (resuming its copy)
        JobInfo next = engine.await(engine.submit(point.switched ? EngineMigrationRequest.undoLast("orders")
                : new EngineMigrationRequest("orders", "xodus", Map.of(), false, 0, false), "t").id(), 120_000);
        assertEquals(JobState.SUCCEEDED, next.state(), next.failure() + " " + next.report());
        assertEquals(point.switched ? "file" : "xodus", restarted.definition("orders").get("backend"));
        acked.put("after.restart", "written");
        assertEquals(new TreeMap<>(acked), content(restarted.store("orders")));
    }

    private static String EngineSwitch_target(JobInfo job) {
        return "migration-" + job.id();
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

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
