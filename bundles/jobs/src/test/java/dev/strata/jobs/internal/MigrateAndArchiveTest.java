package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.strata.api.Entry;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.Store;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.api.management.MigrateRequest;
import dev.strata.jobs.internal.work.ArchiveCatalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateAndArchiveTest {

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
        engine = runtime.engine(2, 100, 1024);
    }

    @AfterEach
    void stop() {
        engine.close();
        runtime.close();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysMatchingAPatternAreCopiedThroughANamedTransform() throws Exception {
        Store legacy = runtime.define("legacy", "file");
        Store modern = runtime.define("modern", "xodus");
        for (int i = 0; i < 300; i++) {
            legacy.put("users." + i, text("name" + i));
            legacy.put("orders." + i, text("o" + i));
        }
        legacy.put("users.skip", text("x"));
        runtime.transforms.put("upper", e -> e.key().equals("users.skip") ? Optional.empty()
                : Optional.of(new Entry("people." + e.key().substring(6), new String(e.value(),
                        StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8))));
        JobInfo job = BackupRestoreTest.run(engine, new MigrateRequest("legacy", "modern", "users.*", false,
                "upper"));
        assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
        assertEquals("NAME42", new String(modern.get("people.42").orElseThrow(), StandardCharsets.UTF_8));
        assertFalse(modern.contains("orders.1"));
        assertFalse(modern.contains("people.skip"));
        assertTrue(legacy.contains("users.42"), "a copy leaves the source alone");
        assertTrue(job.result().contains("copied 300 keys") && job.result().contains("1 left out"), job.result());
        assertThrows(NotFoundException.class, () -> engine.submit(new MigrateRequest("legacy", "modern", "*", false,
                "no-such-transform"), "t"));
    }

    @Test
    void aMoveDeletesOnlyKeysThatStillHoldTheCopiedValue() throws Exception {
        Store a = runtime.define("a", "memory");
        Store b = runtime.define("b", "file");
        for (int i = 0; i < 50; i++) {
            a.put(String.format("k%03d", i), text("v" + i));
        }
        CountDownLatch copied = new CountDownLatch(1);
        CountDownLatch rewritten = new CountDownLatch(1);
        runtime.transforms.put("pause", e -> {
            if (e.key().equals("k049")) {
                copied.countDown();
                try {
                    rewritten.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.of(e);
        });
        JobInfo job = engine.submit(new MigrateRequest("a", "b", "k*", true, "pause"), "t");
        assertTrue(copied.await(10, TimeUnit.SECONDS));
        a.put("k007", text("written again"));
        rewritten.countDown();
        JobInfo end = engine.await(job.id(), 30_000);
        assertEquals(JobState.SUCCEEDED, end.state(), end.failure());
        assertEquals("written again", new String(a.get("k007").orElseThrow(), StandardCharsets.UTF_8));
        assertFalse(a.contains("k008"));
        assertEquals("v7", new String(b.get("k007").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(end.result().contains("deleted 49") && end.result().contains("1 kept"), end.result());
    }

    @Test
    void aSyncedMigrationCatchesUpWithWritesMadeDuringTheCopyAndProvesTheTargetEqual() throws Exception {
        Store source = runtime.define("source", "file");
        Store target = runtime.define("target", "xodus");
        for (int i = 0; i < 400; i++) {
            source.put(String.format("k%04d", i), text("v" + i));
        }
        target.put("k9999", text("stale, not in the source"));
        engine.throttle().set(0.002);
        JobInfo job = engine.submit(new MigrateRequest("source", "target", "*", false, "", true), "t");
        while (engine.job(job.id()).orElseThrow().done() == 0) {
            Thread.sleep(5);
        }
        source.put("k0001", text("changed during the copy"));
        source.put("k5000", text("added during the copy"));
        source.delete("k0002");
        engine.throttle().set(0);
        JobInfo end = engine.await(job.id(), 60_000);
        assertEquals(JobState.SUCCEEDED, end.state(), end.failure());
        assertEquals("changed during the copy", new String(target.get("k0001").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(target.contains("k5000"));
        assertFalse(target.contains("k0002"), "a key deleted in the source during the copy is deleted");
        assertFalse(target.contains("k9999"), "the target ends equal to the source");
        assertTrue(end.report().stream().anyMatch(l -> l.contains("no differences; the target equals the source")),
                end.report().toString());
        assertTrue(end.report().stream().anyMatch(l -> l.startsWith("catch-up round 1: ") && l.contains("changes")),
                end.report().toString());
        assertThrows(InvalidArgumentException.class, () -> new MigrateRequest("source", "target", "*", true, "",
                true));
    }

    @Test
    void archivedKeysLeaveTheLiveStoreAndAreReadBackFromTheColdTier() throws Exception {
        Store live = runtime.define("live", "file");
        for (int i = 0; i < 400; i++) {
            live.put(String.format("logs.2025.%04d", i), text("entry " + i));
            live.put(String.format("logs.2026.%04d", i), text("new " + i));
        }
        JobInfo job = BackupRestoreTest.run(engine, new ArchiveRequest("live", "logs.2025.*", "", "", "", "zstd",
                ""));
        assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
        assertFalse(live.contains("logs.2025.0123"));
        assertTrue(live.contains("logs.2026.0123"));
        ArchiveCatalog catalog = new ArchiveCatalog(runtime.environment(1024));
        assertEquals(1, catalog.archives("live").size());
        assertArrayEquals(text("entry 123"), catalog.read("live", "logs.2025.0123").orElseThrow());
        assertArrayEquals(text("entry 399"), catalog.read("live", "logs.2025.0399").orElseThrow());
        assertTrue(catalog.read("live", "logs.2026.0001").isEmpty());
        assertTrue(job.result().contains("archived 400 keys") && job.result().contains("deleted 400"),
                job.result());
    }

    @Test
    void anArchiveByWriteTimeTakesOnlyKeysLastWrittenBeforeTheInstant() throws Exception {
        Store live = runtime.define("live", "file");
        for (int i = 0; i < 300; i++) {
            live.put(String.format("k%04d", i), text("old " + i));
        }
        Thread.sleep(5);
        java.time.Instant cutoff = java.time.Instant.now();
        Thread.sleep(5);
        for (int i = 0; i < 300; i += 3) {
            live.put(String.format("k%04d", i), text("rewritten " + i)); // written after the cutoff: stays live
        }
        live.put("k9999", text("new"));
        JobInfo job = BackupRestoreTest.run(engine, new ArchiveRequest("live", "*", "", "", "", "", "",
                cutoff.toString()));
        assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
        assertTrue(job.result().contains("archived 200 keys") && job.result().contains("deleted 200"),
                job.result());
        assertArrayEquals(text("rewritten 0"), live.get("k0000").orElseThrow());
        assertFalse(live.contains("k0001"));
        assertTrue(live.contains("k9999"));
        ArchiveCatalog catalog = new ArchiveCatalog(runtime.environment(1024));
        assertArrayEquals(text("old 1"), catalog.read("live", "k0001").orElseThrow());
        assertTrue(catalog.read("live", "k0000").isEmpty(), "a key written after the cutoff is not archived");
        assertThrows(InvalidArgumentException.class, () -> new ArchiveRequest("live", "*", "", "", "", "", "",
                "last tuesday"));
    }

    @Test
    void anEncryptedArchiveOfARangeIsReadBackWithItsKey() throws Exception {
        Store live = runtime.define("live", "memory");
        for (int i = 0; i < 100; i++) {
            live.put(String.format("k%03d", i), text("v" + i));
        }
        runtime.keys.currentKey("cold");
        JobInfo job = BackupRestoreTest.run(engine, new ArchiveRequest("live", "*", "k010", "k020", "", "", "cold"));
        assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
        assertFalse(live.contains("k015"));
        assertTrue(live.contains("k020") && live.contains("k009"));
        ArchiveCatalog catalog = new ArchiveCatalog(runtime.environment(1024));
        assertArrayEquals(text("v15"), catalog.read("live", "k015").orElseThrow());
    }

    @Test
    void maintenanceVerifiesChecksAndCompactsALiveStore() throws Exception {
        Store live = runtime.define("live", "file");
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 200; i++) {
                live.put(String.format("k%03d", i), text("value " + round + " of " + i));
            }
        }
        JobInfo job = BackupRestoreTest.run(engine, new MaintenanceRequest("live",
                MaintenanceRequest.Operation.VERIFY));
        assertEquals(JobState.SUCCEEDED, job.state(), job.failure());
        assertTrue(job.result().contains("200 keys"), job.result());
        long logBefore = live.metrics().walBytes();
        JobInfo checkpoint = BackupRestoreTest.run(engine, new MaintenanceRequest("live",
                MaintenanceRequest.Operation.CHECKPOINT));
        assertEquals(JobState.SUCCEEDED, checkpoint.state(), checkpoint.failure());
        assertTrue(checkpoint.result().startsWith("checkpointed 'live' (file)"), checkpoint.result());
        assertTrue(live.metrics().walBytes() < logBefore, "the checkpoint trimmed the log: " + checkpoint.result());
        JobInfo compact = BackupRestoreTest.run(engine, new MaintenanceRequest("live",
                MaintenanceRequest.Operation.COMPACT));
        assertEquals(JobState.SUCCEEDED, compact.state(), compact.failure());
        assertTrue(compact.result().startsWith("compacted 'live' (file)"), compact.result());
        assertArrayEquals(text("value 4 of 7"), live.get("k007").orElseThrow());

        runtime.redefine("live", new java.util.TreeMap<>(java.util.Map.of("name", "live", "backend", "file",
                "durability", "os", "read.only", "true")));
        JobInfo refused = BackupRestoreTest.run(engine, new MaintenanceRequest("live",
                MaintenanceRequest.Operation.COMPACT));
        assertEquals(JobState.FAILED, refused.state());
        assertEquals("store 'live' is defined read.only=true: it refuses writes and is not compacted",
                refused.failure());
        assertThrows(NotFoundException.class, () -> engine.submit(new MaintenanceRequest("nowhere",
                MaintenanceRequest.Operation.CHECKPOINT), "t"));
    }
}
