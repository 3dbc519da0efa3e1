package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.strata.api.Store;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.JobState;
import dev.strata.api.management.VerifyRequest;
import dev.strata.core.internal.ManagedStore;
import dev.strata.jobs.internal.archive.ArchiveReader;
import dev.strata.jobs.internal.archive.ArchiveWriter;
import dev.strata.jobs.internal.work.ArchiveCatalog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The disk fails under an archive being written (full, or a failing force), on the archive's own writing thread: the
 * job fails with the reason in one line, no file is left that could be taken for a good archive, the snapshot and
 * the writing thread are released, and the job service goes on with the next job.
 */
class ArchiveWriteFailureTest extends JobEngineTestBase {

    private static final int KEYS = 3000;

    final FailingDisk disk = new FailingDisk();
    final Map<String, byte[]> content = new TreeMap<>();
    Path file;

    @Override
    void configure(TestRuntime runtime) {
        runtime.archiveFiles = disk;
    }

    @BeforeEach
    void seed() {
        Random random = new Random(7);
        for (int i = 0; i < KEYS; i++) {
            byte[] value = new byte[100];
            random.nextBytes(value); // incompressible: about 35 entries per 4 KiB chunk, some 85 chunks
            content.put(String.format("order.%05d", i), value);
        }
        runtime.define("orders", "file").putAll(content);
        file = dir.resolve("backups").resolve("orders.strata-backup");
    }

    @Test
    void aDiskFullOnTheWritingThreadFailsTheBackupInOneLineAndLeavesNoArchive() throws Exception {
        disk.fillAfter(40_000); // the header and about nine chunks: the reader is still reading when it fills
        JobInfo failed = run(backup());
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("cannot write archive '" + ArchiveWriter.partialOf(file) + "': No space left on device",
                failed.failure());
        assertNothingUnder(file);
        assertNoArchiveThread();

        // the service goes on with the next job, and the name is free for a good archive once there is room
        disk.repair();
        JobInfo again = run(backup());
        assertEquals(JobState.SUCCEEDED, again.state(), again.failure());
        assertEquals(JobState.SUCCEEDED, run(new VerifyRequest(file.toString())).state());
        // the failed backup's snapshot and scan were closed: the store closes with no operation left inside it
        assertEquals(0, ((ManagedStore) runtime.store("orders")).detach("test over", 1000));
    }

    @Test
    void aFailingForceWhileTheArchiveGrowsFailsTheBackupAndLeavesNoArchive() throws Exception {
        disk.failForces(true, false); // the writer forces every 8 chunks as it goes; a later force proves nothing
        JobInfo failed = run(backup());
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("cannot write archive '" + ArchiveWriter.partialOf(file) + "': Input/output error (forcing the "
                + "archive to disk as it was written)", failed.failure());
        assertNothingUnder(file);
        assertNoArchiveThread();
        assertEquals(0, ((ManagedStore) runtime.store("orders")).detach("test over", 1000));
    }

    @Test
    void aFailingForceOfTheLastBytesFailsTheBackupAndTheArchiveNeverGetsItsName() throws Exception {
        disk.failForces(false, true);
        JobInfo failed = run(backup());
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("cannot finish archive '" + file + "': Input/output error", failed.failure());
        assertNothingUnder(file);
        assertNoArchiveThread();
        assertEquals(0, ((ManagedStore) runtime.store("orders")).detach("test over", 1000));
    }

    @Test
    void aDiskFullAtTheArchivesFirstBytesLeavesNoPartialFile() throws Exception {
        disk.fillAfter(10); // inside the header, before the writing thread exists
        JobInfo failed = run(backup());
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("cannot create archive '" + file + "': No space left on device", failed.failure());
        assertNothingUnder(file);
        assertNoArchiveThread();
    }

    @Test
    void aDiskFullUnderAColdArchiveRunLosesNoKeyAndTheRunResumesOnceThereIsRoom() throws Exception {
        ArchiveRequest request = new ArchiveRequest("orders", "order.*", "", "", "", "", "");
        disk.fillAfter(100_000); // the first segment of 16 chunks is archived, the second fills the disk
        JobInfo failed = run(request);
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertTrue(failed.failure().startsWith("cannot write archive '") && failed.failure().endsWith(
                ".partial': No space left on device"), failed.failure());
        ArchiveCatalog catalog = new ArchiveCatalog(runtime.environment(4096));
        List<Path> archived = catalog.archives("orders");
        assertEquals(1, archived.size(), "the first segment only");
        try (Stream<Path> files = Files.walk(dir.resolve("archives"))) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".partial")).toList());
        }
        Store orders = runtime.store("orders");
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
            // every key is still in the live store, or in the archive the catalog names (and then not live)
            Optional<byte[]> live = orders.get(e.getKey());
            byte[] value = live.isPresent() ? live.get() : catalog.read("orders", e.getKey()).orElse(null);
            assertArrayEquals(e.getValue(), value, e.getKey());
        }
        assertTrue(orders.contains("order.02999"), "the failure came before the end");
        assertNoArchiveThread();

        disk.repair();
        JobInfo resumed = run(request);
        assertEquals(JobState.SUCCEEDED, resumed.state(), resumed.failure());
        assertTrue(resumed.result().startsWith("resumed at key 'order."), resumed.result());
        for (String key : List.of("order.00000", "order.01500", "order.02999")) {
            assertFalse(orders.contains(key));
            assertArrayEquals(content.get(key), catalog.read("orders", key).orElseThrow(), key);
        }
        for (Path archive : catalog.archives("orders")) {
            try (ArchiveReader reader = ArchiveReader.open(archive, runtime.crypto)) {
                reader.readAll((chunk, entries, read) -> { }); // every checksum, the manifest and the digest hold
            }
        }
    }

    private BackupRequest backup() {
        return new BackupRequest("orders", file.toString(), "lz4", "", false, false);
    }

    private JobInfo run(JobRequest request) throws InterruptedException {
        JobInfo done = runToEnd(request); // a reading thread left waiting on a dead writer would hang here
        assertFalse(done.failure().contains("\n"), done.failure());
        return done;
    }

    /** Neither the archive nor its temporary file exists. */
    private static void assertNothingUnder(Path file) {
        assertFalse(Files.exists(file), "no archive under the final name");
        assertFalse(Files.exists(ArchiveWriter.partialOf(file)), "no half-written archive left");
    }

    /** The archive's writing thread has ended (the job's end waits for it). */
    private static void assertNoArchiveThread() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("strata-archive-writer")).toList();
        assertEquals(List.of(), left, "archive writing threads still alive");
    }
}
