package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss, simulated through Xodus's own I/O plug-in point: the store reads and writes its log through
 * {@link PowerLossProvider} (a {@code DataReaderWriterProvider}), which tells a {@link SimulatedDisk} every byte
 * written and every sync Xodus makes (a full file's sync, the directory sync after it creates a file); the engine's
 * group force forces files by path, and the test's {@link LogForce} credits those to the same disk. While
 * concurrent writers commit at {@code fsync}, crash images are cut at random moments: each keeps only forced bytes
 * of files whose directory entry was forced, and half of them a torn piece of the unforced rest. Every image must
 * open healthy and hold exactly the commits up to its recovered sequence, in commit order, and at least every
 * commit acknowledged before the image was cut. Checkpoints and the log cleaner do not run meanwhile. Points from
 * {@code -Dstrata.powerloss.points} (30), seed from {@code -Dstrata.powerloss.seed}.
 */
class XodusPowerLossTest {

    static final int WRITERS = 4;
    private static final int POINTS = Integer.getInteger("strata.powerloss.points", 30);
    /** Small log files, so that images also fall across file boundaries; no cleaner (see the class comment). */
    static final Map<String, Object> SETTINGS = Map.of(XodusStoreSettings.GC, "false",
            XodusStoreSettings.LOG_FILE_SIZE, "1m");
    private final long seed = Long.getLong("strata.powerloss.seed", System.nanoTime());

    @TempDir
    Path temp;

    /** A crash image and what had been acknowledged when it was taken. */
    record Image(Path directory, int[] acknowledged) {
    }

    @Test
    void everyAcknowledgedCommitSurvivesAndEveryRecoveredStateIsAPrefixOfTheCommitOrder() throws Exception {
        Random random = new Random(seed);
        Path live = temp.resolve("live");
        SimulatedDisk disk = SimulatedDisk.of(live);
        // the engine's own kept-open force (OpenFileForce), its files opened on the simulated disk
        LogForce forceOnTheDisk = new OpenFileForce(file -> new OpenFileForce.OpenFile() {
            @Override
            public void force() {
                disk.forcedByPath(file);
            }

            @Override
            public void close() {
            }
        });
        EngineConfig config = new EngineConfig("power", live, Durability.FSYNC, SETTINGS);
        List<Image> images = new ArrayList<>();
        List<Map<Integer, Long>> sequences;
        long commits;
        try (StorageEngine engine = new XodusBackend(forceOnTheDisk, PowerLossProvider.NAME).open(config);
                CommittingWriters writers = new CommittingWriters(engine, WRITERS)) {
            for (int point = 0; point < POINTS; point++) {
                Thread.sleep(random.nextInt(20));
                int[] acked = writers.acknowledged();
                Path image = temp.resolve("image-" + point);
                disk.crashImage(image, random, random.nextBoolean());
                images.add(new Image(image, acked));
            }
            sequences = writers.sequences();
            commits = writers.commits();
        }
        int logFiles = (int) Files.list(live).filter(file -> file.toString().endsWith(".xd")).count();
        long beyond = 0;
        for (Image image : images) {
            beyond += check(image, sequences, "seed " + seed + ", " + image.directory().getFileName());
        }
        System.out.println("xodus power loss, seed " + seed + ": " + commits + " commits, " + images.size()
                + " crash images over " + logFiles + " log files (" + disk.counts() + "), every acknowledged commit"
                + " recovered; "
                + beyond + " unacknowledged commits (summed over images) recovered too");
    }

    /** Opens an image and checks it against the commit order; returns how many unacknowledged commits it holds. */
    static long check(Image image, List<Map<Integer, Long>> sequences, String where) {
        long beyond = 0;
        try (StorageEngine engine = new XodusBackend().open(new EngineConfig("power", image.directory(),
                Durability.FSYNC, SETTINGS))) {
            assertFalse(engine.isReadOnly(), where + ": the image opens healthy");
            assertTrue(engine.verify().isHealthy(), where + ": " + engine.verify().problems());
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
                long recovered = tx.snapshotSequence();
                for (int w = 0; w < WRITERS; w++) {
                    int expectedLast = -1;
                    for (Map.Entry<Integer, Long> commit : sequences.get(w).entrySet()) {
                        int i = commit.getKey();
                        boolean durable = commit.getValue() <= recovered;
                        String found = text(tx.get(bytes("c" + w + "-" + i)));
                        assertEquals(durable ? value(w, i) : null, found, where + ": commit " + commit.getValue()
                                + " (writer " + w + ", #" + i + ") against recovered sequence " + recovered);
                        if (durable) {
                            expectedLast = Math.max(expectedLast, i);
                            beyond += i > image.acknowledged()[w] ? 1 : 0;
                        }
                        assertTrue(i > image.acknowledged()[w] || durable, where + ": acknowledged commit "
                                + commit.getValue() + " (writer " + w + ", #" + i + ") is lost");
                    }
                    assertEquals(expectedLast < 0 ? null : Integer.toString(expectedLast),
                            text(tx.get(bytes("last" + w))), where + ": writer " + w + "'s last commit");
                }
            }
        }
        return beyond;
    }

    /**
     * Two of three values small (their commits' forces vouch by trailing slots beside the data), every third one
     * large (a header slot, and before it, when the log relied on a trailing slot, the header slot that protects it).
     */
    static String value(int writer, int i) {
        int spread = (i * 7919 + writer * 131) % 16000;
        return "value " + writer + "/" + i + " " + "p".repeat(i % 3 == 0 ? 8000 + spread : 100 + spread / 32);
    }
}
