package dev.strata.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.strata.api.KeyMetadata;
import dev.strata.api.PutOptions;
import dev.strata.api.Store;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups, restores, pattern migrations and in-place engine migrations keep each key's expiry (the same instant, on
 * a clock the test controls) and tags, copy no key that has expired, and a key that never expired does not pick up
 * the target store's default time to live; a backup of the older format (values only) still restores.
 */
class ExpiryAndTagsCarriedTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @TempDir
    Path dir;
    TestRuntime runtime;
    JobEngine engine;
    long start;

    @BeforeEach
    void begin() {
        runtime = new TestRuntime(dir);
        start = runtime.clock.freeze();
        engine = runtime.engine(2, 100, 4096);
    }

    @AfterEach
    void end() {
        engine.close();
        runtime.close();
    }

    private JobInfo run(dev.strata.api.management.JobRequest request) throws InterruptedException {
        JobInfo done = engine.await(engine.submit(request, "t").id(), 120_000);
        assertEquals(JobState.SUCCEEDED, done.state(), done.failure() + " " + done.report());
        return done;
    }

    /** plain (no metadata), tagged, ten (10 minutes, tagged), one (1 minute), and 300 bulk keys with a ttl. */
    private void seed(Store store) {
        store.put("plain", bytes("p"));
        store.put("tagged", bytes("t"), PutOptions.tags("red", "blue"));
        store.put("ten", bytes("10"), PutOptions.ttl(TEN_MINUTES).withTags("session"));
        store.put("one", bytes("1"), PutOptions.ttl(Duration.ofMinutes(1)));
        for (int i = 0; i < 300; i++) {
            store.put(String.format("bulk.%03d", i), bytes("b" + i), PutOptions.ttl(TEN_MINUTES));
        }
    }

    private static Store withDefaultTtl(TestRuntime runtime, String name, String engineType) {
        return runtime.define(new TreeMap<>(Map.of("name", name, "backend", engineType, "durability",
                "memory".equals(engineType) ? "none" : "os", "ttl.default", "1h")));
    }

    /** What the seeded keys must look like in a copy, at the test clock's start plus what it was advanced by. */
    private void assertCarried(Store copy, boolean oneExpected) {
        KeyMetadata ten = copy.metadata("ten").orElseThrow();
        assertEquals(Instant.ofEpochMilli(start).plus(TEN_MINUTES), ten.expiresAt(), "the same instant, not later");
        assertEquals(Set.of("session"), ten.tags());
        assertEquals(Set.of("red", "blue"), copy.metadata("tagged").orElseThrow().tags());
        assertEquals(null, copy.metadata("tagged").orElseThrow().expiresAt(), "it never expired");
        assertEquals(null, copy.metadata("plain").orElseThrow().expiresAt(),
                "a key that never expired does not pick up the target's ttl.default");
        assertEquals(Instant.ofEpochMilli(start).plus(TEN_MINUTES), copy.metadata("bulk.299").orElseThrow()
                .expiresAt());
        assertEquals(oneExpected, copy.contains("one"));
    }

    @Test
    void aBackupKeepsExpiryAndTagsAndTheRestoreLeavesOutWhatExpiredSince() throws Exception {
        seed(runtime.define("src", "file"));
        Path file = dir.resolve("src.strata-backup");
        JobInfo backup = run(new BackupRequest("src", file.toString(), "zstd", "", false, true));
        assertTrue(backup.result().contains("test restore: digest equal"), backup.result());

        runtime.clock.advance(Duration.ofMinutes(2)); // "one" has expired since the backup
        Store restored = withDefaultTtl(runtime, "dst", "xodus");
        JobInfo restore = run(new RestoreRequest(file.toString(), "dst", false));
        assertTrue(restore.result().contains("except 1 that had expired"), restore.result());
        assertCarried(restored, false);
        assertEquals(303, count(restored));

        runtime.clock.advance(TEN_MINUTES); // past the keys' expiry: the restored ones vanish with them
        assertFalse(restored.contains("ten"));
        assertFalse(restored.contains("bulk.000"));
        assertTrue(restored.contains("plain") && restored.contains("tagged"));
    }

    /**
     * The backup takes each key's bytes from the scan (EntryCursor#keyBytes) and its metadata as primitives: keys
     * outside ASCII, with surrogate pairs, with and without ttl and tags, come back the same.
     */
    @Test
    void aBackupOfNonAsciiKeysKeepsTheirBytesExpiryAndTags() throws Exception {
        Store source = runtime.define("intl", "file");
        Map<String, PutOptions> keys = new TreeMap<>(Map.of(
                "clé-ü", PutOptions.tags("ß", "x"),
                "日本語", PutOptions.ttl(TEN_MINUTES),
                "emoji-\uD83D\uDE00-\uD834\uDD1E", PutOptions.ttl(TEN_MINUTES).withTags("\uD83C\uDFB5"),
                "plain", PutOptions.DEFAULT));
        keys.forEach((key, options) -> source.put(key, bytes("v-" + key), options));
        Path file = dir.resolve("intl.strata-backup");
        JobInfo backup = run(new BackupRequest("intl", file.toString(), "lz4", "", false, true));
        assertTrue(backup.result().contains("test restore: digest equal"), backup.result());
        Store restored = runtime.define("intl2", "memory");
        run(new RestoreRequest(file.toString(), "intl2", false));
        assertEquals(keys.size(), count(restored));
        for (String key : keys.keySet()) {
            assertEquals("v-" + key, new String(restored.get(key).orElseThrow(), StandardCharsets.UTF_8));
            KeyMetadata was = source.metadata(key).orElseThrow();
            KeyMetadata is = restored.metadata(key).orElseThrow();
            assertEquals(was.expiresAt(), is.expiresAt(), "expiry of " + key);
            assertEquals(was.tags(), is.tags(), "tags of " + key);
        }
    }

    @Test
    void aBackupOfFormatOneStillVerifiesAndRestores() throws Exception {
        Path file = dir.resolve("format1.strata-backup");
        try (InputStream in = getClass().getResourceAsStream("/archives/format1.strata-backup")) {
            Files.copy(in, file);
        }
        JobInfo verify = run(new VerifyRequest(file.toString()));
        assertTrue(verify.result().contains("4 keys"), verify.result());
        Store target = runtime.define("old", "memory");
        JobInfo restore = run(new RestoreRequest(file.toString(), "old", false));
        assertTrue(restore.result().contains("equals the archive's"), restore.result());
        assertEquals("delta, a longer value", new String(target.get("format1.d").orElseThrow(),
                StandardCharsets.UTF_8));
        assertEquals(4, count(target));
        assertEquals(null, target.metadata("format1.a").orElseThrow().expiresAt());
    }

    @Test
    void aPatternMigrationKeepsExpiryAndTagsAndCopiesNoExpiredKey() throws Exception {
        Store source = runtime.define("src", "file");
        seed(source);
        runtime.clock.advance(Duration.ofMinutes(2)); // "one" expires before the migration
        Store target = withDefaultTtl(runtime, "dst", "memory");
        JobInfo copy = run(new MigrateRequest("src", "dst", "*", false, "", true));
        assertTrue(copy.result().contains("copied 303 keys"), copy.result());
        assertCarried(target, false);

        Store moved = withDefaultTtl(runtime, "moved", "xodus");
        JobInfo move = run(new MigrateRequest("src", "moved", "*", true, ""));
        assertTrue(move.result().startsWith("moved 303 keys"), move.result());
        assertCarried(moved, false);
        runtime.clock.advance(TEN_MINUTES);
        assertFalse(target.contains("ten") || moved.contains("ten") || moved.contains("bulk.100"));
    }

    @Test
    void anInPlaceEngineMigrationAndItsUndoKeepExpiryAndTagsAndCatchUpAChangeOfTagsAlone() throws Exception {
        Store source = runtime.define("orders", "file");
        seed(source);
        JobInfo job = engine.submit(new EngineMigrationRequest("orders", "xodus", Map.of(), true, 0, false), "t");
        awaitMessage(job, "waiting for strata:migrate-confirm");
        // the same value with other tags and no expiry: only a comparison of metadata sees the change
        source.put("ten", bytes("10"), PutOptions.forever().withTags("renewed"));
        source.put("tagged", bytes("t"), PutOptions.tags("red", "blue").withTtl(TEN_MINUTES));
        Thread.sleep(1500); // a holding round catches them up
        engine.confirm(job.id());
        JobInfo end = engine.await(job.id(), 120_000);
        assertEquals(JobState.SUCCEEDED, end.state(), end.failure() + " " + end.report());
        Store moved = runtime.store("orders");
        assertEquals("xodus", moved.info().backend());
        assertEquals(Set.of("renewed"), moved.metadata("ten").orElseThrow().tags());
        assertEquals(null, moved.metadata("ten").orElseThrow().expiresAt());
        assertEquals(Instant.ofEpochMilli(start).plus(TEN_MINUTES), moved.metadata("tagged").orElseThrow()
                .expiresAt());
        assertEquals(Instant.ofEpochMilli(start).plus(TEN_MINUTES), moved.metadata("bulk.007").orElseThrow()
                .expiresAt());
        assertEquals(Set.of("red", "blue"), moved.metadata("tagged").orElseThrow().tags());

        moved.put("late", bytes("on xodus"), PutOptions.ttl(TEN_MINUTES).withTags("x"));
        run(EngineMigrationRequest.undoLast("orders"));
        Store back = runtime.store("orders");
        assertEquals("file", back.info().backend());
        assertEquals(Set.of("x"), back.metadata("late").orElseThrow().tags());
        assertEquals(Instant.ofEpochMilli(start).plus(TEN_MINUTES), back.metadata("late").orElseThrow().expiresAt());
        assertEquals(Set.of("renewed"), back.metadata("ten").orElseThrow().tags());
        runtime.clock.advance(TEN_MINUTES);
        assertFalse(back.contains("bulk.007") || back.contains("late") || back.contains("tagged"));
        assertTrue(back.contains("ten") && back.contains("plain"));
    }

    private void awaitMessage(JobInfo job, String part) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JobInfo now = engine.job(job.id()).orElseThrow();
            if (now.message().contains(part) || now.state().isFinal()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job never said '" + part + "'");
    }

    static long count(Store store) {
        try (var cursor = store.scan(dev.strata.api.Scan.all())) {
            return cursor.stream().count();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
