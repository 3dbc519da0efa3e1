package dev.strata.api.tck.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.strata.api.Durability;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

/**
 * SIGKILL crash-recovery test for any persistent backend with a public no-arg constructor. Each cycle starts a
 * {@link CrashWriter} in a child JVM on the same store, lets it commit for a random while, kills it with
 * {@link Process#destroyForcibly()} (SIGKILL on Linux: no shutdown hook, no close), then opens the store in this
 * JVM and checks that every acknowledged transaction is there whole and that no transaction is there in part.
 * The next cycle's writer continues the numbering. A backend module calls it from a JUnit test:
 *
 * <pre>{@code
 * @Test
 * void everyAcknowledgedCommitSurvivesSigkill() {
 *     CrashRecoveryResult result = CrashRecoveryHarness.runCycles(MyBackend.class, Map.of(),
 *             CrashRecoveryHarness.configuredCycles(), new Random(1));
 *     assertTrue(result.acknowledged() > 0);
 * }
 * }</pre>
 *
 * Any violation fails with an {@link AssertionError} naming the cycle, the problems and the end of the writer's
 * log; the store directory is then kept for inspection.
 */
public final class CrashRecoveryHarness {

    /** System property with the number of cycles, so CI runs the default and a developer can run many more. */
    public static final String CYCLES_PROPERTY = "strata.crash.cycles";
    public static final int DEFAULT_CYCLES = 50;

    /** The writer is killed at a random moment between these bounds after its first acknowledgement. */
    static final int MIN_KILL_DELAY_MILLIS = 20;
    static final int MAX_KILL_DELAY_MILLIS = 300;
    /** JVM start plus store open (and recovery) must not take longer than this. */
    private static final long FIRST_ACK_TIMEOUT_MILLIS = 60_000;

    private CrashRecoveryHarness() {
    }

    /** The cycle count from {@value #CYCLES_PROPERTY}, {@value #DEFAULT_CYCLES} when unset. */
    public static int configuredCycles() {
        return Integer.getInteger(CYCLES_PROPERTY, DEFAULT_CYCLES);
    }

    /** Runs the cycles with {@link Durability#FSYNC} in a fresh temporary directory, deleted when all is well. */
    public static CrashRecoveryResult runCycles(Class<? extends StorageBackend> backendClass,
            Map<String, ?> properties, int cycles, Random random) {
        Path root = createTempDirectory();
        CrashRecoveryResult result = runCycles(backendClass, properties, Durability.FSYNC, root, cycles, random);
        deleteRecursively(root);
        return result;
    }

    /**
     * Runs the cycles on a store in {@code root/store}, with the writer's log in {@code root}. With
     * {@link Durability#NONE} acknowledged transactions may be lost by design, so only wholeness is checked.
     */
    public static CrashRecoveryResult runCycles(Class<? extends StorageBackend> backendClass,
            Map<String, ?> properties, Durability durability, Path root, int cycles, Random random) {
        long started = System.nanoTime();
        StorageBackend backend;
        try {
            backend = CrashWriter.instantiate(backendClass.getName());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(backendClass + " needs a public no-arg constructor", e);
        }
        Path store = root.resolve("store");
        EngineConfig config = new EngineConfig("crash", store, durability, Map.copyOf(properties));
        long acknowledged = 0;
        RecoveredStore recovered = new RecoveredStore(0, 0, List.of());
        for (int cycle = 1; cycle <= cycles; cycle++) {
            Path log = root.resolve("writer.log");
            WriterRun run = killWriterAtRandom(backendClass, config, log, random, cycle);
            recovered = recover(backend, config, run, recovered.maxTransaction(), log, cycle);
            acknowledged += run.acknowledged();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new CrashRecoveryResult(cycles, acknowledged, recovered.wholeTransactions(),
                recovered.maxTransaction(), elapsed);
    }

    private static WriterRun killWriterAtRandom(Class<?> backendClass, EngineConfig config, Path log, Random random,
            int cycle) {
        WriterRun run = WriterRun.start(command(backendClass, config), log);
        try {
            if (!run.awaitAcknowledgements(1, FIRST_ACK_TIMEOUT_MILLIS)) {
                throw failure(cycle, "the writer acknowledged nothing (alive: " + run.process().isAlive() + ")", log);
            }
            long delay = MIN_KILL_DELAY_MILLIS + random.nextInt(MAX_KILL_DELAY_MILLIS - MIN_KILL_DELAY_MILLIS + 1);
            if (random.nextBoolean()) {
                // kill right after a given acknowledgement, or at the delay if the writer is slower than that
                run.awaitAcknowledgements(1 + random.nextInt(40), delay);
            } else {
                Thread.sleep(delay);
            }
            if (!run.process().isAlive()) {
                throw failure(cycle, "the writer stopped by itself with exit code " + run.process().exitValue(), log);
            }
            // through the handle: Process.destroyForcibly() also closes our end of the pipes at once, which
            // throws away ACK lines the writer printed but this side had not read yet
            run.process().toHandle().destroyForcibly();
            if (!run.process().waitFor(30, TimeUnit.SECONDS)) {
                throw failure(cycle, "the writer did not die within 30 s of SIGKILL", log);
            }
            run.drain();
            return run;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(cycle, "interrupted", log);
        } finally {
            run.process().destroyForcibly();
        }
    }

    private static RecoveredStore recover(StorageBackend backend, EngineConfig config, WriterRun run,
            long previousMax, Path log, int cycle) {
        List<String> problems = new ArrayList<>();
        if (run.firstTransaction() != previousMax + 1) {
            problems.add("the writer started at transaction " + run.firstTransaction() + " but the store held 1.."
                    + previousMax);
        }
        problems.addAll(run.protocolProblems());
        RecoveredStore found;
        try (StorageEngine engine = backend.open(config)) {
            found = RecoveredStore.read(engine);
        } catch (RuntimeException e) {
            throw failure(cycle, "the store did not reopen after the kill: " + e, log, e);
        }
        problems.addAll(found.problems());
        if (config.durability() != Durability.NONE && found.maxTransaction() < run.lastAcknowledged()) {
            problems.add("acknowledged transactions are lost: acknowledged up to " + run.lastAcknowledged()
                    + ", found up to " + found.maxTransaction());
        }
        if (found.maxTransaction() > Math.max(run.lastAcknowledged(), previousMax) + 1) {
            problems.add("found transaction " + found.maxTransaction() + " but only " + run.lastAcknowledged()
                    + " was acknowledged and one more could have been committing");
        }
        if (!problems.isEmpty()) {
            throw failure(cycle, String.join("\n  ", problems), log);
        }
        return found;
    }

    private static List<String> command(Class<?> backendClass, EngineConfig config) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // a short-lived writer: fast start matters more than peak speed
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
                CrashWriter.class.getName(), backendClass.getName(), config.directory().toString(),
                config.durability().name()));
        config.properties().forEach((key, value) -> command.add(key + "=" + value));
        return command;
    }

    private static AssertionError failure(int cycle, String message, Path log) {
        return failure(cycle, message, log, null);
    }

    private static AssertionError failure(int cycle, String message, Path log, Throwable cause) {
        return new AssertionError("crash cycle " + cycle + ": " + message + "\nstore kept in " + log.getParent()
                + "\nwriter log (tail):\n" + tail(log), cause);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("strata-crash-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the writer's standard output in a thread of its own: START, then one ACK per commit. */
    private static final class WriterRun {
        private final Process process;
        private final Thread reader;
        private final List<String> protocolProblems = new ArrayList<>();
        private long firstTransaction = -1;
        private long lastAcknowledged = -1;
        private long acknowledged;

        private WriterRun(Process process) {
            this.process = process;
            this.reader = new Thread(this::readOutput, "crash-writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        static WriterRun start(List<String> command, Path log) {
            try {
                return new WriterRun(new ProcessBuilder(command).redirectError(log.toFile()).start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the crash writer", e);
            }
        }

        Process process() {
            return process;
        }

        private void readOutput() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = out.readLine()) != null; ) {
                    accept(line);
                }
            } catch (IOException e) {
                // the pipe broke with the kill: what was read is what counts
            }
        }

        private synchronized void accept(String line) {
            if (line.startsWith("START ")) {
                firstTransaction = Long.parseLong(line.substring(6).trim());
                lastAcknowledged = firstTransaction - 1;
            } else if (line.startsWith("ACK ")) {
                long n = Long.parseLong(line.substring(4).trim());
                if (n != lastAcknowledged + 1) {
                    protocolProblems.add("acknowledgement " + n + " out of order after " + lastAcknowledged);
                }
                lastAcknowledged = n;
                acknowledged++;
                notifyAll();
            }
        }

        /** Waits until {@code count} commits are acknowledged; false when the time ran out first. */
        synchronized boolean awaitAcknowledgements(long count, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (acknowledged < count && process.isAlive()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(Math.min(left, 50));
            }
            return acknowledged >= count;
        }

        /** After the kill: reads the acknowledgements still in the pipe; they were printed, so they count. */
        void drain() throws InterruptedException {
            reader.join(10_000);
        }

        synchronized long firstTransaction() {
            return firstTransaction;
        }

        synchronized long lastAcknowledged() {
            return lastAcknowledged;
        }

        synchronized long acknowledged() {
            return acknowledged;
        }

        synchronized List<String> protocolProblems() {
            return List.copyOf(protocolProblems);
        }
    }
}
