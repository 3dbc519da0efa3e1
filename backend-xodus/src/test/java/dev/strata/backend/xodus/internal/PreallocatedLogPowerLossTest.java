package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.get;
import static dev.strata.backend.xodus.internal.XodusTestStores.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.strata.api.Durability;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss under the preallocated log ({@link PreallocatedLog}): the store does its file I/O through a
 * {@link SimulatedLogStorage}, and crash images cut while 4 writers commit at {@code fsync} keep each file's forced
 * content and, at random, nothing, all, or a random subset of the pages of what was written since (holes inside an
 * unforced write, torn end slots, torn data under a whole slot). Each image is opened by a plain backend (real files,
 * the zero tail and any unforced rest on disk) and checked as {@link XodusPowerLossTest} checks its images: healthy,
 * every acknowledged commit there, exactly the commits up to the recovered sequence. Log files of 1 MiB, so images
 * also fall across rollovers to the next file. Points from {@code -Dstrata.powerloss.points} (30), seed from
 * {@code -Dstrata.powerloss.seed}.
 */
class PreallocatedLogPowerLossTest {

    private static final int POINTS = Integer.getInteger("strata.powerloss.points", 30);
    private final long seed = Long.getLong("strata.powerloss.seed", System.nanoTime());

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedCommitSurvivesAndNothingUnforcedIsTakenForData() throws Exception {
        Random random = new Random(seed);
        Path live = temp.resolve("live");
        SimulatedLogStorage disk = new SimulatedLogStorage();
        EngineConfig config = new EngineConfig("power", live, Durability.FSYNC, XodusPowerLossTest.SETTINGS);
        List<XodusPowerLossTest.Image> images = new ArrayList<>();
        List<Map<Integer, Long>> sequences;
        long commits;
        try (StorageEngine engine = new XodusBackend(disk).open(config);
                CommittingWriters writers = new CommittingWriters(engine, XodusPowerLossTest.WRITERS)) {
            for (int point = 0; point < POINTS; point++) {
                Thread.sleep(random.nextInt(20));
                int[] acked = writers.acknowledged();
                Path image = temp.resolve("image-" + point);
                disk.crashImage(live, image, random);
                images.add(new XodusPowerLossTest.Image(image, acked));
            }
            sequences = writers.sequences();
            commits = writers.commits();
        }
        long logFiles = logFiles(live).size();
        long beyond = 0;
        for (XodusPowerLossTest.Image image : images) {
            beyond += XodusPowerLossTest.check(image, sequences, "seed " + seed + ", " + image.directory().getFileName());
        }
        assertTrue(logFiles >= 3, "the test should roll over to new log files, made " + logFiles);
        System.out.println("xodus preallocated log power loss, seed " + seed + ": " + commits + " commits, "
                + images.size() + " crash images over " + logFiles + " log files (" + disk.forces() + " forces),"
                + " every acknowledged commit recovered; " + beyond + " unacknowledged commits recovered too");
    }

    @Test
    void aCleanCloseAndReopenSeesOnlyTheDataNotTheZeroTail() throws Exception {
        Path directory = temp.resolve("clean");
        EngineConfig config = new EngineConfig("clean", directory, Durability.FSYNC,
                Map.of(XodusStoreSettings.GC, "false", XodusStoreSettings.LOG_FILE_SIZE, "1m"));
        for (int round = 0; round < 3; round++) {
            try (StorageEngine engine = new XodusBackend().open(config)) {
                for (int i = 0; i < 200; i++) {
                    put(engine, "r" + round + "-" + i, "v".repeat(1000 + i));
                }
                for (int r = 0; r <= round; r++) {
                    assertEquals("v".repeat(1000 + 199), get(engine, "r" + r + "-199"), "round " + r);
                }
            }
            List<Path> files = logFiles(directory);
            Path last = files.get(files.size() - 1);
            long logical = logicalLength(last);
            assertTrue(Files.size(last) > LogFileHeader.BYTES + logical, "the last file is zero-filled ahead: "
                    + Files.size(last) + " bytes for " + logical + " of data");
            for (Path full : files.subList(0, files.size() - 1)) {
                assertEquals(1L << 20, logicalLength(full), full + " rolled over full");
            }
        }
        try (StorageEngine engine = new XodusBackend().open(config)) {
            assertEquals(600, engine.metrics().keys());
            assertTrue(engine.verify().isHealthy(), engine.verify().problems().toString());
        }
    }

    @Test
    void aStoreOfPlainXodusFilesOpensAndGrowsPreallocatedFiles() throws Exception {
        Path directory = temp.resolve("plain");
        EngineConfig config = new EngineConfig("plain", directory, Durability.FSYNC,
                Map.of(XodusStoreSettings.GC, "false", XodusStoreSettings.LOG_FILE_SIZE, "1m"));
        try (StorageEngine engine = new XodusBackend(LogForce.CHANNEL).open(config)) { // Xodus's own files
            for (int i = 0; i < 100; i++) {
                put(engine, "old" + i, "o".repeat(5000));
            }
        }
        int plainFiles = logFiles(directory).size();
        try (StorageEngine engine = new XodusBackend().open(config)) {
            assertEquals("o".repeat(5000), get(engine, "old99"));
            for (int i = 0; i < 300; i++) {
                put(engine, "new" + i, "n".repeat(5000));
            }
        }
        List<Path> files = logFiles(directory);
        assertTrue(files.size() > plainFiles + 1, "new files were added");
        assertTrue(hasMagic(files.get(files.size() - 1)), "a new file is preallocated");
        assertTrue(!hasMagic(files.get(0)), "an old file stays as Xodus wrote it");
        try (StorageEngine engine = new XodusBackend().open(config)) {
            assertEquals(400, engine.metrics().keys());
            assertEquals("o".repeat(5000), get(engine, "old0"));
            assertEquals("n".repeat(5000), get(engine, "new299"));
        }
    }

    static List<Path> logFiles(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".xd")).sorted().toList();
        }
    }

    /** A preallocated file's logical end, as its header vouches for it. */
    static long logicalLength(Path file) throws java.io.IOException {
        try (LogStorage.LogChannel channel = LogStorage.FILES.open(file, false)) {
            long address = jetbrains.exodus.log.LogUtil.getAddress(file.getFileName().toString());
            return LogFileHeader.recover(channel, address, Long.MAX_VALUE, file.toString()).end();
        }
    }

    private static boolean hasMagic(Path file) throws java.io.IOException {
        try (LogStorage.LogChannel channel = LogStorage.FILES.open(file, false)) {
            return LogFileHeader.hasMagic(channel);
        }
    }
}
