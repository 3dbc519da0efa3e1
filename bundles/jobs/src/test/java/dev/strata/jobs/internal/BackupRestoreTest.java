package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.NotFoundException;
import dev.strata.api.Store;
import dev.strata.api.WrongKeyException;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;
import dev.strata.jobs.internal.work.TargetNotEmptyException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreTest {

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

    static JobInfo run(JobEngine engine, dev.strata.api.management.JobRequest request) throws InterruptedException {
        JobInfo queued = engine.submit(request, "test");
        JobInfo done = engine.await(queued.id(), 120_000);
        assertTrue(done.state().isFinal(), "job did not end: " + done);
        return done;
    }

    @Test
    void backupTakenWhileFourThreadsTransferRestoresOnAnotherEngineWithTheTotalUnchanged() throws Exception {
        Store bank = runtime.define("bank", "file");
        Bank.open(bank);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(Bank.transfers(bank, 42 + i, stop, committed));
            t.start();
            writers.add(t);
        }
        while (committed.get() < 200) {
            Thread.sleep(5);
        }
        Path file = dir.resolve("bank.strata-backup");
        long before = committed.get();
        JobInfo backup = run(engine, new BackupRequest("bank", file.toString(), "zstd", "backups", true, true));
        long during = committed.get() - before;
        Thread.sleep(50);
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(JobState.SUCCEEDED, backup.state(), backup.failure());
        assertTrue(during > 0, "writers kept committing during the backup");
        assertTrue(backup.report().stream().anyMatch(l -> l.startsWith("test restore into scratch memory store")),
                backup.report().toString());

        Store copy = runtime.define("copy", "xodus");
        JobInfo restore = run(engine, new RestoreRequest(file.toString(), "copy", false));
        assertEquals(JobState.SUCCEEDED, restore.state(), restore.failure());
        assertEquals(Bank.ACCOUNTS * Bank.OPENING, Bank.total(copy), "the archive is one consistent snapshot");
        assertEquals(Bank.ACCOUNTS * Bank.OPENING, Bank.total(bank));

        JobInfo verify = run(engine, new VerifyRequest(file.toString()));
        assertEquals(JobState.SUCCEEDED, verify.state(), verify.failure());
        assertTrue(verify.result().startsWith("ok: "), verify.result());
        assertTrue(verify.result().contains(Bank.ACCOUNTS + " keys"), verify.result());
    }

    @Test
    void restoreRefusesANonEmptyTargetUnlessOverwriteAndThenReplacesItsContent() throws Exception {
        Store source = runtime.define("source", "memory");
        for (int i = 0; i < 500; i++) {
            source.put("k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("s.strata-backup");
        assertEquals(JobState.SUCCEEDED, run(engine, new BackupRequest("source", file.toString(), "", "", false,
                false)).state());
        Store target = runtime.define("target", "file");
        target.put("stranger", new byte[] {1});
        assertThrows(TargetNotEmptyException.class, () -> engine.submit(new RestoreRequest(file.toString(),
                "target", false), "test"));
        assertTrue(target.contains("stranger"));
        JobInfo overwrite = run(engine, new RestoreRequest(file.toString(), "target", true));
        assertEquals(JobState.SUCCEEDED, overwrite.state(), overwrite.failure());
        assertFalse(target.contains("stranger"));
        assertEquals("v42", new String(target.get("k42").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void aWrongKeyOrAMissingAliasIsRefusedBeforeAnyDataIsWritten() throws Exception {
        Store source = runtime.define("source", "memory");
        source.put("secret", "value".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("sealed.strata-backup");
        assertEquals(JobState.SUCCEEDED, run(engine, new BackupRequest("source", file.toString(), "", "vault", true,
                false)).state());
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("value"),
                "the value is encrypted");
        assertThrows(NotFoundException.class, () -> engine.submit(new BackupRequest("source",
                dir.resolve("x").toString(), "", "no-such-alias", false, false), "test"));

        try (TestRuntime other = new TestRuntime(dir.resolve("other"))) {
            JobEngine otherEngine = other.engine(1, 10, 4096);
            try {
                Store target = other.define("target", "memory");
                assertThrows(NotFoundException.class, () -> otherEngine.submit(new RestoreRequest(file.toString(),
                        "target", false), "test"));
                other.keys.currentKey("vault");
                assertThrows(WrongKeyException.class, () -> otherEngine.submit(new RestoreRequest(file.toString(),
                        "target", false), "test"));
                assertTrue(other.findStore("target").orElseThrow().scan(dev.strata.api.Scan.all()).stream()
                        .findAny().isEmpty(), "nothing was written");
                assertTrue(target.info().name().equals("target"));
            } finally {
                otherEngine.close();
            }
        }
    }

    @Test
    void unknownStoresAreRefusedAtSubmission() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> engine.submit(BackupRequest.of("nope"), "test"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(engine.active().isEmpty());
    }
}
