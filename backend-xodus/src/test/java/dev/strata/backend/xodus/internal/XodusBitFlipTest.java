package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.encryptedBackend;
import static dev.strata.backend.xodus.internal.XodusTestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.StorageException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bit flipped in the live end of a closed store's Xodus log, the store reopened, every key read back by get and
 * by scans in both directions: each round either opens read-only / fails every affected read with the typed
 * corruption error, or reads every acknowledged value correctly. Never a changed or missing value from a store
 * that says it is healthy, and never a silent step back to an earlier state.
 */
class XodusBitFlipTest {

    private static final int ROUNDS = Integer.getInteger("strata.bitflips", 40);
    private static final int LIVE_END_BYTES = 4096;

    @TempDir
    Path temp;

    private final TestKeyProvider keys = new TestKeyProvider();

    @Test
    void plainStoresNeverServeAChangedValue() throws IOException {
        run(false, 21);
    }

    @Test
    void encryptedStoresNeverServeAChangedValue() throws IOException {
        run(true, 34);
    }

    private void run(boolean encrypted, long seed) throws IOException {
        Path pristine = temp.resolve("pristine-" + encrypted);
        Map<String, String> expected = new TreeMap<>();
        try (StorageEngine engine = backend(encrypted).open(config(pristine, encrypted))) {
            for (int i = 1; i <= 40; i++) {
                try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                    tx.put(bytes("k" + (i % 9)), bytes("v" + i));
                    tx.put(bytes("n" + i), bytes("x".repeat(i)));
                    tx.commit();
                }
                expected.put("k" + (i % 9), "v" + i);
                expected.put("n" + i, "x".repeat(i));
            }
        }
        Path log = lastLogFile(pristine);
        // the live end of Xodus's data: in a preallocated file it sits after the header, zeros follow it
        long data = LogFileHeader.BYTES + PreallocatedLogPowerLossTest.logicalLength(log);
        long size = Math.min(data, Files.size(log));
        Random random = new Random(seed);
        int detected = 0;
        int intact = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long position = size - 1 - random.nextInt((int) Math.min(size, LIVE_END_BYTES));
            int bit = random.nextInt(8);
            Path copy = temp.resolve("flip-" + round);
            copyDirectory(pristine, copy);
            flip(copy.resolve(log.getFileName()), position, bit);
            String where = (encrypted ? "encrypted" : "plain") + " flip at " + position + " bit " + bit;
            StorageEngine engine;
            try {
                engine = backend(encrypted).open(config(copy, encrypted));
            } catch (CorruptionException e) {
                detected++;
                continue;
            }
            try {
                int damaged = readEverything(engine, expected, where);
                if (damaged > 0 || engine.isReadOnly()) {
                    assertTrue(engine.isReadOnly(), where + ": damage seen, so the store is read-only");
                    assertFalse(engine.verify().isHealthy(), where + ": verify reports the damage");
                    detected++;
                } else {
                    intact++;
                }
            } finally {
                engine.close();
            }
            deleteDirectory(copy);
        }
        System.out.println("xodus bit flips, " + (encrypted ? "encrypted" : "plain") + ": " + detected
                + " detected, " + intact + " harmless of " + ROUNDS);
        assertEquals(ROUNDS, detected + intact);
    }

    /** Reads every key by get and by both scans; returns how many reads failed with the typed error. */
    private static int readEverything(StorageEngine engine, Map<String, String> expected, String where) {
        int damaged = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                String value = text(tx.get(bytes(entry.getKey())));
                if (!engine.isReadOnly()) {
                    assertEquals(entry.getValue(), value, where + ": key " + entry.getKey() + " from an online store");
                }
            } catch (CorruptionException e) {
                damaged++;
            }
        }
        for (boolean reverse : new boolean[] {false, true}) {
            TreeMap<String, String> scanned = new TreeMap<>();
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY);
                 EngineCursor cursor = tx.cursor(KeyRange.ALL, reverse)) {
                while (cursor.next()) {
                    scanned.put(text(cursor.key()), text(cursor.value()));
                }
                if (!engine.isReadOnly()) {
                    assertEquals(expected, scanned, where + ": a " + (reverse ? "descending" : "ascending")
                            + " scan of an online store");
                }
            } catch (CorruptionException e) {
                damaged++;
            } catch (StorageException e) {
                fail(where + ": an untyped failure " + e);
            }
        }
        return damaged;
    }

    private XodusBackend backend(boolean encrypted) {
        return encrypted ? encryptedBackend(keys) : new XodusBackend();
    }

    private static EngineConfig config(Path directory, boolean encrypted) {
        EngineConfig config = new EngineConfig("flip", directory, Durability.FSYNC,
                Map.of(XodusStoreSettings.GC, "false"));
        return encrypted ? config.with(XodusStoreSettings.KEY_ALIAS, "flip-key") : config;
    }

    static Path lastLogFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".xd"))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
    }

    static void flip(Path file, long position, int bit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= (byte) (1 << bit);
        Files.write(file, bytes);
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().endsWith(".lck")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    static void deleteDirectory(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
