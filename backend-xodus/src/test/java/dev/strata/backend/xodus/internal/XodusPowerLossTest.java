package dev.strata.backend.xodus.internal;

import static dev.strata.backend.xodus.internal.XodusTestStores.bytes;
import static dev.strata.backend.xodus.internal.XodusTestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss, simulated: concurrent writers commit at {@code fsync} while crash images of the store are taken at
 * random moments. An image keeps of the newest log file only what the engine's forces covered (the file's length
 * when a force of it began), plus, at random, a torn piece of the unforced rest; older log files are whole (Xodus
 * forces a full file before it starts the next). Every image must open healthy and hold exactly the commits up to
 * its recovered sequence, in commit order, and at least every commit acknowledged before the image was taken.
 * The seam is the engine's own {@link LogForce} (it forces the log itself); Xodus's own syncs are not credited, so
 * the images keep less than a real disk would. Checkpoints and the log cleaner do not run meanwhile.
 * Points from {@code -Dstrata.powerloss.points} (30), seed from {@code -Dstrata.powerloss.seed}.
 */
class XodusPowerLossTest {

    private static final int WRITERS = 4;
    private static final int POINTS = Integer.getInteger("strata.powerloss.points", 30);
    /** Small log files, so that images also fall across file boundaries; no cleaner (see the class comment). */
    private static final Map<String, Object> SETTINGS = Map.of(XodusStoreSettings.GC, "false",
            XodusStoreSettings.LOG_FILE_SIZE, "1m");
    private final long seed = Long.getLong("strata.powerloss.seed", System.nanoTime());

    @TempDir
    Path temp;

    /** The engine's forces, remembered: per log file, how many bytes a completed force covered. */
    private static final class ForceRecorder implements LogForce {
        final Map<Path, Long> forcedBytes = new ConcurrentHashMap<>();

        @Override
        public void force(Path file) throws IOException {
            long covered = Files.size(file);
            LogForce.CHANNEL.force(file);
            forcedBytes.merge(file.getFileName(), covered, Math::max);
        }
    }

    /** A crash image and what had been acknowledged when it was taken. */
    private record Image(Path directory, int[] acknowledged) {
    }

    @Test
    void everyAcknowledgedCommitSurvivesAndEveryRecoveredStateIsAPrefixOfTheCommitOrder() throws Exception {
        Random random = new Random(seed);
        Path live = temp.resolve("live");
        ForceRecorder forces = new ForceRecorder();
        EngineConfig config = new EngineConfig("power", live, Durability.FSYNC, SETTINGS);
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(WRITERS);
        List<Map<Integer, Long>> sequences = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            acknowledged.set(w, -1);
            sequences.add(new ConcurrentHashMap<>());
        }
        List<Image> images = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (StorageEngine engine = new XodusBackend(forces).open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                            tx.put(bytes("c" + writer + "-" + i), bytes(value(writer, i)));
                            tx.put(bytes("last" + writer), bytes(Integer.toString(i)));
                            sequences.get(writer).put(i, tx.commit());
                        }
                        acknowledged.set(writer, i);
                    }
                    return null;
                }));
            }
            for (int point = 0; point < POINTS; point++) {
                Thread.sleep(random.nextInt(20));
                int[] acked = new int[WRITERS];
                for (int w = 0; w < WRITERS; w++) {
                    acked[w] = acknowledged.get(w);
                }
                images.add(new Image(crashImage(live, temp.resolve("image-" + point), forces, random), acked));
            }
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        int logFiles = (int) Files.list(live).filter(file -> file.toString().endsWith(".xd")).count();
        long commits = sequences.stream().mapToLong(Map::size).sum();
        long beyond = 0;
        for (Image image : images) {
            beyond += check(image, sequences, "seed " + seed + ", " + image.directory().getFileName());
        }
        System.out.println("xodus power loss, seed " + seed + ": " + commits + " commits, " + images.size()
                + " crash images over " + logFiles + " log files, every acknowledged commit recovered; "
                + beyond + " unacknowledged commits (summed over images) recovered too");
    }

    /** Opens an image and checks it against the commit order; returns how many unacknowledged commits it holds. */
    private static long check(Image image, List<Map<Integer, Long>> sequences, String where) {
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

    /** What a power loss now would leave: forced bytes of the newest log file (and a torn rest), older files whole. */
    private static Path crashImage(Path live, Path image, ForceRecorder forces, Random random) throws IOException {
        Files.createDirectories(image);
        List<Path> logs;
        try (Stream<Path> files = Files.list(live)) {
            logs = files.filter(file -> file.toString().endsWith(".xd")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        for (int n = 0; n < logs.size(); n++) {
            Path log = logs.get(n);
            long size = Files.size(log);
            long keep = size;
            if (n == logs.size() - 1) {
                long forced = Math.min(size, forces.forcedBytes.getOrDefault(log.getFileName(), 0L));
                keep = random.nextBoolean() ? forced : forced + (long) (random.nextDouble() * (size - forced));
            }
            copyPrefix(log, image.resolve(log.getFileName()), keep);
        }
        return image;
    }

    private static void copyPrefix(Path from, Path to, long bytes) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            byte[] buffer = new byte[1 << 16];
            long left = bytes;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }

    private static String value(int writer, int i) {
        return "value " + writer + "/" + i + " " + "p".repeat(8000 + (i * 7919 + writer * 131) % 16000);
    }
}
