package dev.strata.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;
import dev.strata.backend.file.internal.manifest.ManifestStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Safe mode: a damaged or missing manifest opens the store read-only from the previous manifest generation (whose
 * files are kept for that), or from the segment files when both are unusable, with verify() naming the damage; a
 * flipped bit in a data block found by a read while the store is online turns it read-only, logged and reported.
 */
class SafeModeTest {

    @TempDir
    Path temp;

    /** What the last manifest replacement before the damage did: each leaves files only the previous one names. */
    enum LastChange { BACKGROUND_COMPACTION, BACKGROUND_FLUSH }

    /**
     * Several manifest generations: three checkpoints, then the last change either a compaction as the background
     * runs it (its inputs obsolete) or a flush of a full memory table (its log obsolete); then commits left in the
     * log. The previous generation still names what that last change made obsolete.
     */
    private TreeMap<String, String> history(Path directory, LastChange last) {
        TreeMap<String, String> expected = new TreeMap<>();
        try (StorageEngine engine = new TestFileBackend().open(config(directory))) {
            for (int round = 0; round < 3; round++) {
                write(engine, expected, round, 200);
                engine.checkpoint();
            }
            if (last == LastChange.BACKGROUND_COMPACTION) {
                ((FileEngine) engine).runDueCompactions(); // unless the background thread already runs it
                long deadline = System.nanoTime() + 10_000_000_000L;
                while ((engine.metrics().extra().get("compactions").longValue() == 0
                        || !engine.metrics().compactionState().equals("idle")) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(engine.metrics().extra().get("compactions").longValue() > 0, "a compaction ran");
            } else {
                long before = engine.metrics().extra().get("flushes").longValue();
                write(engine, expected, 3, 700); // past memtable.size: sealed and flushed in the background
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (engine.metrics().extra().get("flushes").longValue() == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(engine.metrics().extra().get("flushes").longValue() > before, "a flush ran");
            }
            write(engine, expected, 4, 50);
        }
        return expected;
    }

    private static void write(StorageEngine engine, TreeMap<String, String> expected, int round, int count) {
        for (int i = 0; i < count; i++) {
            String key = String.format("key%04d", (i * 7 + round) % 300);
            String value = "r" + round + "-" + i + "-" + "v".repeat(60 + i % 40);
            Stores.put(engine, key, value);
            expected.put(key, value);
        }
    }

    @ParameterizedTest
    @EnumSource(LastChange.class)
    void aDamagedManifestOpensReadOnlyFromThePreviousGenerationWithEveryCommit(LastChange last) throws IOException {
        Path store = temp.resolve("damaged");
        TreeMap<String, String> expected = history(store, last);
        Path manifest = store.resolve(ManifestStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(manifest, bytes);
        checkSafeMode(store, expected, "manifest is damaged", "previous manifest generation");
    }

    @ParameterizedTest
    @EnumSource(LastChange.class)
    void aMissingManifestOpensReadOnlyFromThePreviousGenerationWithEveryCommit(LastChange last) throws IOException {
        Path store = temp.resolve("missing");
        TreeMap<String, String> expected = history(store, last);
        Files.delete(store.resolve(ManifestStore.FILE_NAME));
        checkSafeMode(store, expected, "manifest is missing", "previous manifest generation");
    }

    @Test
    void withBothGenerationsUnusableTheSegmentsFoundAreOpenedReadOnly() throws IOException {
        Path store = temp.resolve("both");
        TreeMap<String, String> expected = new TreeMap<>();
        try (StorageEngine engine = new TestFileBackend().open(config(store))) {
            for (int i = 0; i < 300; i++) {
                Stores.put(engine, "k" + i, "v" + i);
                expected.put("k" + i, "v" + i);
            }
            engine.compact();
        }
        Files.delete(store.resolve(ManifestStore.FILE_NAME));
        Files.write(store.resolve(ManifestStore.PREVIOUS_NAME), new byte[] {1, 2, 3});
        checkSafeMode(store, expected, "manifest is missing", "segment files found");
    }

    private void checkSafeMode(Path store, TreeMap<String, String> expected, String damage, String openedFrom)
            throws IOException {
        List<String> before = fileNames(store);
        try (StorageEngine engine = new TestFileBackend().open(config(store))) {
            assertTrue(engine.isReadOnly(), "a damaged manifest opens the store read-only");
            assertEquals(expected, Stores.contents(engine), "the last good state, every acknowledged commit in it");
            List<String> problems = engine.verify().problems();
            assertTrue(problems.stream().anyMatch(p -> p.contains(damage) && p.contains(openedFrom)
                    && p.contains(ManifestStore.FILE_NAME)), problems.toString());
            ReadOnlyException refused = assertThrows(ReadOnlyException.class,
                    () -> engine.begin(TransactionMode.READ_WRITE));
            assertTrue(refused.getCause() instanceof CorruptionException);
        }
        assertEquals(before, fileNames(store), "safe mode deletes and writes nothing an operator may need");
    }

    @Test
    void aFlippedBitInADataBlockFoundOnlineTurnsTheStoreReadOnlyLoggedAndReported() throws IOException {
        Path store = temp.resolve("online");
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logged) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.strata.backend.file.test");
        logger.addHandler(handler);
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(store, Durability.OS,
                "checkpoint.interval", "0", "block.size", "1k", "cache.size", "0"))) {
            for (int i = 0; i < 400; i++) {
                Stores.put(engine, String.format("key%04d", i), "value-" + i + "-" + "x".repeat(50));
            }
            engine.checkpoint();
            assertFalse(engine.isReadOnly());
            Path segment = Stores.onlyFile(store, "seg-");
            byte[] bytes = Files.readAllBytes(segment);
            bytes[100] ^= 0x20; // inside the first data block
            Files.write(segment, bytes);
            int failed = 0;
            for (int i = 0; i < 400; i++) {
                try {
                    Stores.get(engine, String.format("key%04d", i));
                } catch (CorruptionException e) {
                    assertEquals(segment.toString(), e.file().orElseThrow());
                    failed++;
                }
            }
            assertTrue(failed > 0, "the damaged block's keys fail to read");
            assertTrue(engine.isReadOnly(), "a store that has seen damage says so: read-only");
            assertThrows(ReadOnlyException.class, () -> engine.begin(TransactionMode.READ_WRITE));
            List<String> problems = engine.verify().problems();
            assertTrue(problems.stream().anyMatch(p -> p.contains(segment.toString()) && p.contains("at offset")),
                    problems.toString());
            synchronized (logged) {
                assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains("is damaged")
                        && r.getMessage().contains(segment.getFileName().toString())), "the damage is logged");
            }
        } finally {
            logger.removeHandler(handler);
        }
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("LOCK")).sorted().toList();
        }
    }

    private static EngineConfig config(Path directory) {
        return Stores.config(directory, Durability.OS, "checkpoint.interval", "0", "block.size", "1k",
                "memtable.size", "64k", "compaction.maxSegments", "64");
    }
}
