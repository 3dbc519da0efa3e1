package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.spi.VerifyResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random single-bit flips in segment files and in the log: every flip is detected with the typed corruption error
 * naming the file, and no read ever returns a value that was never committed.
 */
class BitFlipTest {

    private static final int FLIPS = Integer.getInteger("strata.bitflips", 150);

    @TempDir
    Path temp;

    @Test
    void everyFlipInASegmentIsDetectedAndNoWrongValueIsRead() throws IOException {
        for (boolean encrypted : new boolean[] {false, true}) {
            Path pristine = temp.resolve("segments-" + encrypted);
            Map<String, String> expected = new TreeMap<>();
            try (StorageEngine engine = new TestFileBackend().open(config(pristine, encrypted))) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    for (int i = 0; i < 600; i++) {
                        String value = "value-" + i + "-" + "abc".repeat(i % 11);
                        tx.put(bytes(String.format("key%05d", i)), bytes(value));
                        expected.put(String.format("key%05d", i), value);
                    }
                    tx.commit();
                }
                engine.checkpoint();
            }
            Path segment = Stores.onlyFile(pristine, "seg-");
            long size = Files.size(segment);
            Random random = new Random(encrypted ? 11 : 7);
            for (int n = 0; n < FLIPS; n++) {
                long position = n < 20 ? size - 1 - n : random.nextInt((int) size); // always hit the footer too
                Path copy = temp.resolve("flip");
                Stores.copyDirectory(pristine, copy);
                flip(copy.resolve(segment.getFileName()), position, random.nextInt(8));
                try (StorageEngine engine = new TestFileBackend().open(config(copy, encrypted))) {
                    int failedReads = readAll(engine, expected, position);
                    VerifyResult result = engine.verify();
                    assertFalse(result.isHealthy(), "flip at " + position + " must be detected");
                    assertTrue(result.problems().stream().anyMatch(p -> p.contains(segment.getFileName().toString())),
                            "the problem names the segment: " + result.problems());
                    assertTrue(failedReads > 0 || engine.isReadOnly() || !result.isHealthy());
                }
                Stores.deleteDirectory(copy);
            }
        }
    }

    /** Reads every key; each read returns the right value or throws the typed error. Returns how many threw. */
    private static int readAll(StorageEngine engine, Map<String, String> expected, long position) {
        int failed = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            try {
                String value = Stores.get(engine, entry.getKey());
                assertEquals(entry.getValue(), value, "flip at " + position + ": key " + entry.getKey());
            } catch (CorruptionException e) {
                assertTrue(e.file().isPresent(), "the error names the file");
                failed++;
            }
        }
        return failed;
    }

    /** The log of a cleanly closed store: it ends at its last record. */
    @Test
    void everyFlipInTheLogIsDetectedAndTheStoreOpensReadOnlyAtAConsistentPoint() throws IOException {
        checkLogFlips(Durability.OS);
    }

    /**
     * The log of an {@code fsync} store as a crash leaves it: zero-filled ahead of its records. A flip in a record
     * is damage as in a growing log; a flip in the zeros after the last record loses nothing.
     */
    @Test
    void everyFlipInTheZeroFilledFsyncLogIsDetectedOrHarmless() throws IOException {
        checkLogFlips(Durability.FSYNC);
    }

    private void checkLogFlips(Durability durability) throws IOException {
        Path pristine = temp.resolve("log-" + durability);
        List<TreeMap<String, String>> states = new ArrayList<>();
        TreeMap<String, String> state = new TreeMap<>();
        states.add(new TreeMap<>(state));
        try (StorageEngine engine = new TestFileBackend().open(config(pristine, false, durability))) {
            for (int i = 1; i <= 30; i++) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    tx.put(bytes("k" + (i % 9)), bytes("v" + i));
                    tx.put(bytes("n" + i), bytes("x".repeat(i)));
                    tx.commit();
                }
                state.put("k" + (i % 9), "v" + i);
                state.put("n" + i, "x".repeat(i));
                states.add(new TreeMap<>(state));
            }
            if (durability == Durability.FSYNC) {
                Stores.copyDirectory(pristine, temp.resolve("crashed")); // open, as a power loss leaves it
            }
        }
        if (durability == Durability.FSYNC) {
            Stores.deleteDirectory(pristine);
            pristine = temp.resolve("crashed");
        }
        Path log = Stores.onlyFile(pristine, "wal-");
        long size = Files.size(log);
        long recordsEnd = endOfRecords(Files.readAllBytes(log));
        if (durability == Durability.FSYNC) {
            assertTrue(size > recordsEnd + 4096, "the log is zero-filled past its records: " + size + " > " + recordsEnd);
        }
        Random random = new Random(5);
        int harmless = 0;
        for (int n = 0; n < FLIPS; n++) {
            boolean inZeros = durability == Durability.FSYNC && n % 4 == 3;
            long position = inZeros ? recordsEnd + random.nextInt((int) Math.min(size - recordsEnd, 8192))
                    : random.nextInt((int) recordsEnd);
            Path copy = temp.resolve("flip");
            Stores.copyDirectory(pristine, copy);
            flip(copy.resolve(log.getFileName()), position, random.nextInt(8));
            try (StorageEngine engine = new TestFileBackend().open(config(copy, false, durability))) {
                List<CorruptionException> problems = ((FileEngine) engine).problems();
                TreeMap<String, String> found = Stores.contents(engine);
                if (inZeros) {
                    assertEquals(states.get(states.size() - 1), found, "flip at " + position
                            + " after the last record loses nothing");
                    assertEquals(engine.isReadOnly(), !problems.isEmpty(), "read-only only with a report");
                    harmless++;
                    continue;
                }
                assertTrue(engine.isReadOnly(), "flip at " + position + " opens the store read-only");
                assertEquals(1, problems.size());
                assertEquals(copy.resolve(log.getFileName()).toString(), problems.get(0).file().orElseThrow());
                assertTrue(problems.get(0).offset() >= 0 && problems.get(0).offset() <= position,
                        "the damaged record starts at or before the flip");
                int prefix = states.indexOf(found);
                assertTrue(prefix >= 0 && prefix < states.size() - 1,
                        "flip at " + position + ": what is read is the state after some earlier commit, not " + found);
                try {
                    engine.begin(TransactionMode.READ_WRITE);
                    fail("a damaged store refuses writes");
                } catch (ReadOnlyException expected) {
                    assertTrue(expected.getCause() instanceof CorruptionException);
                }
                assertFalse(engine.verify().isHealthy());
            } finally {
                Stores.deleteDirectory(copy);
            }
        }
        assertEquals(durability == Durability.FSYNC ? FLIPS / 4 : 0, harmless);
    }

    /** Where the records end: the byte after the last non-zero one (every record ends in a non-zero end mark). */
    private static long endOfRecords(byte[] log) {
        int end = log.length;
        while (end > 0 && log[end - 1] == 0) {
            end--;
        }
        return end;
    }

    private static EngineConfig config(Path directory, boolean encrypted) {
        return config(directory, encrypted, Durability.OS);
    }

    private static EngineConfig config(Path directory, boolean encrypted, Durability durability) {
        EngineConfig config = Stores.config(directory, durability, "block.size", "1k", "checkpoint.interval", "0");
        return encrypted ? config.with("encryption.keyAlias", "flip") : config;
    }

    private static void flip(Path file, long position, int bit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= (byte) (1 << bit);
        Files.write(file, bytes);
    }
}
