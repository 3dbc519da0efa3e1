package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Store;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.jobs.internal.work.OldFilesReaper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store moved to another engine keeps its old files for the undo window (keepSourceMinutes) and loses them after
 * it, also when the window ended while the runtime was stopped; files some store still uses are never deleted.
 */
class OldFilesAfterUndoWindowTest {

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
        runtime.clock.freeze();
        engine = runtime.engine(1, 100, 4096);
    }

    @AfterEach
    void stop() {
        engine.close();
        runtime.close();
    }

    private OldFilesReaper reaper() {
        return new OldFilesReaper(runtime.environment(4096), dir.resolve("data"), log::add);
    }

    private Store moveToXodus(String name, long keepMinutes) throws InterruptedException {
        Store store = runtime.define(name, "file");
        for (int i = 0; i < 200; i++) {
            store.put("k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        return move(name, "xodus", keepMinutes);
    }

    private Store move(String name, String backend, long keepMinutes) throws InterruptedException {
        JobInfo done = engine.await(engine.submit(new EngineMigrationRequest(name, backend, Map.of(), false,
                keepMinutes, false), "t").id(), 120_000);
        assertEquals(JobState.SUCCEEDED, done.state(), done.failure() + " " + done.report());
        return runtime.store(name);
    }

    @Test
    void aSecondSwitchInsideTheFirstWindowLeavesBothOldDirectoriesToBeDeletedEachWhenItsWindowEnds()
            throws Exception {
        moveToXodus("orders", 30); // file in data/orders -> xodus in data/orders@xodus, old files kept until 30'
        runtime.clock.advance(Duration.ofMinutes(10));
        Store moved = move("orders", "file", 30); // -> file in data/orders@file, xodus files kept until 40'
        moved.put("after", "both switches".getBytes(StandardCharsets.UTF_8));
        Path first = dir.resolve("data/orders");
        Path second = dir.resolve("data/orders@xodus");
        assertTrue(Files.isDirectory(first) && Files.isDirectory(second), "both old directories are kept");

        runtime.clock.advance(Duration.ofMinutes(25)); // 35': the first window has ended, the second has not
        List<String> deleted = reaper().sweep();
        assertEquals(1, deleted.size(), "the first switch's old files are still tracked: " + log);
        assertTrue(deleted.get(0).startsWith("deleted the old files of 'orders' in " + first), deleted.get(0));
        assertFalse(Files.exists(first));
        assertTrue(Files.isDirectory(second), "the second switch's old files stay inside its window");

        // the runtime stops; the second window ends while it is down; a new job service sweeps at its start
        engine.close();
        runtime.clock.advance(Duration.ofMinutes(6));
        engine = runtime.engine(1, 100, 4096);
        deleted = reaper().sweep();
        assertEquals(1, deleted.size(), log.toString());
        assertTrue(deleted.get(0).startsWith("deleted the old files of 'orders' in " + second), deleted.get(0));
        assertFalse(Files.exists(second));
        assertTrue(Files.isDirectory(dir.resolve("data/orders@file")), "the store's own files stay");
        assertEquals(201, ExpiryAndTagsCarriedTest.count(runtime.store("orders")));
        assertEquals(List.of(), reaper().sweep(), "a second sweep finds nothing to do");
    }

    @Test
    void anUndoMovesBackIntoTheOldFilesWhichAreThenNoLongerOld() throws Exception {
        moveToXodus("orders", 30);
        JobInfo undone = engine.await(engine.submit(EngineMigrationRequest.undoLast("orders"), "t").id(), 120_000);
        assertEquals(JobState.SUCCEEDED, undone.state(), undone.failure() + " " + undone.report());
        runtime.clock.advance(Duration.ofMinutes(61)); // both windows ended (the undo's: the default 60')
        List<String> deleted = reaper().sweep();
        assertEquals(1, deleted.size(), log.toString());
        assertTrue(deleted.get(0).startsWith("deleted the old files of 'orders' in " + dir.resolve(
                "data/orders@xodus")), deleted.get(0));
        assertTrue(Files.isDirectory(dir.resolve("data/orders")), "the store serves from them again");
        assertTrue(log.stream().noneMatch(l -> l.contains("are kept")), "no longer tracked as old: " + log);
        assertEquals(200, ExpiryAndTagsCarriedTest.count(runtime.store("orders")));
    }

    @Test
    void theOldFilesGoOnceTheUndoWindowEndsAlsoAfterARestart() throws Exception {
        Store moved = moveToXodus("orders", 30);
        Path old = dir.resolve("data/orders");
        assertTrue(Files.isDirectory(old), "the old files are kept for the undo");

        runtime.clock.advance(Duration.ofMinutes(29));
        assertEquals(List.of(), reaper().sweep(), "inside the window nothing is deleted");
        assertTrue(Files.isDirectory(old));

        // the runtime stops; the window ends while it is down; a new job service starts and sweeps
        engine.close();
        runtime.clock.advance(Duration.ofMinutes(2));
        engine = runtime.engine(1, 100, 4096);
        List<String> deleted = reaper().sweep();
        assertEquals(1, deleted.size(), log.toString());
        assertTrue(deleted.get(0).startsWith("deleted the old files of 'orders' in " + old), deleted.get(0));
        assertFalse(Files.exists(old), "the old directory is gone");
        assertTrue(Files.isDirectory(dir.resolve("data/orders@xodus")), "the store's own files stay");
        assertEquals("v7", new String(moved.get("k7").orElseThrow(), StandardCharsets.UTF_8));
        moved.put("after", "the sweep".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> engine.submit(
                EngineMigrationRequest.undoLast("orders"), "t")).getMessage().contains("can no longer be undone"));
        assertEquals(List.of(), reaper().sweep(), "a second sweep finds nothing to do");
    }

    @Test
    void filesAStoreStillUsesAreKeptPastTheWindow() throws Exception {
        moveToXodus("orders", 1);
        // an operator opened the old files read-only to look at them
        runtime.define(new TreeMap<>(Map.of("name", "old-orders", "backend", "file", "durability", "os", "data.dir",
                "orders", "read.only", "true")));
        runtime.clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), reaper().sweep());
        assertTrue(Files.isDirectory(dir.resolve("data/orders")));
        assertTrue(log.stream().anyMatch(l -> l.contains("are kept: a store uses them")), log.toString());
        assertEquals(200, ExpiryAndTagsCarriedTest.count(runtime.store("old-orders")));

        runtime.forget("old-orders");
        assertEquals(1, reaper().sweep().size());
        assertFalse(Files.exists(dir.resolve("data/orders")));
    }
}
