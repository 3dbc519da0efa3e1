package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Store;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobRequest;
import dev.strata.jobs.internal.archive.ArchiveWriter;
import dev.strata.jobs.internal.archive.ChunkSizeException;
import dev.strata.jobs.internal.work.JobEnvironment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk size over what the archive format holds in one chunk (96 MiB, what a reader accepts) is refused when a
 * backup or a cold archive is submitted, by name and in one line, with nothing queued, started or written; before,
 * such a job read the store until its first chunk reached the cap and then failed.
 */
class ChunkSizeLimitTest {

    private static final int CAP_KIB = ArchiveWriter.MAX_CHUNK_BYTES / 1024;

    @TempDir
    Path dir;
    TestRuntime runtime;

    @BeforeEach
    void start() {
        runtime = new TestRuntime(dir);
        Store orders = runtime.define("orders", "file");
        for (int i = 0; i < 100; i++) {
            orders.put("order." + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aBackupWithAChunkSizeOverTheFormatsCapIsRefusedAtSubmissionAndNothingStarts() throws Exception {
        assertRefused(JobEnvironment.chunkBytesOf(CAP_KIB + 1), new BackupRequest("orders",
                dir.resolve("orders.strata-backup").toString(), "lz4", "", false, false),
                "archive chunk size " + (CAP_KIB + 1) + " KiB (chunkKilobytes of dev.strata.jobs) is over "
                        + CAP_KIB + " KiB, the most a chunk of an archive holds; set it to 1 to " + CAP_KIB + " KiB");
    }

    @Test
    void aColdArchiveWithAChunkSizeOverTheFormatsCapIsRefusedAtSubmissionAndNothingStarts() throws Exception {
        assertRefused(JobEnvironment.chunkBytesOf(200 * 1024), new ArchiveRequest("orders", "order.*", "", "", "", "",
                ""), "archive chunk size 204800 KiB (chunkKilobytes of dev.strata.jobs) is over " + CAP_KIB
                        + " KiB, the most a chunk of an archive holds; set it to 1 to " + CAP_KIB + " KiB");
    }

    @Test
    void aSettingBeyondAnIntsRangeOfBytesIsRefusedTooInsteadOfWrappingToANegativeSize() throws Exception {
        int bytes = JobEnvironment.chunkBytesOf(3_000_000); // 3,000,000 × 1024 wraps round in int arithmetic
        assertEquals(Integer.MAX_VALUE, bytes);
        assertRefused(bytes, BackupRequest.of("orders"), null);
    }

    @Test
    void theCapItselfIsAccepted() throws Exception {
        try (JobEngine engine = runtime.engine(1, 100, ArchiveWriter.MAX_CHUNK_BYTES)) {
            var done = BackupRestoreTest.run(engine, new BackupRequest("orders",
                    dir.resolve("at-cap.strata-backup").toString(), "lz4", "", false, false));
            assertEquals(dev.strata.api.management.JobState.SUCCEEDED, done.state(), done.toString());
            assertTrue(done.result().contains("100 keys"), done.result());
        }
    }

    private void assertRefused(int chunkBytes, JobRequest request, String message) throws Exception {
        try (JobEngine engine = runtime.engine(1, 100, chunkBytes)) {
            InvalidArgumentException e = assertThrows(ChunkSizeException.class, () -> engine.submit(request, "test"));
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertEquals(List.of(), engine.active(), "nothing queued or running");
            assertEquals(List.of(), engine.history(10), "nothing in the history");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.map(Path::toString).filter(p -> p.contains(".strata-backup")
                    || p.endsWith(".partial") || p.contains(dir.resolve("archives").toString())).toList(),
                    "no archive written");
        }
        try (var cursor = runtime.store("orders").scan(dev.strata.api.Scan.all())) {
            assertEquals(100, cursor.stream().count(), "the store is unchanged");
        }
    }
}
