package dev.strata.backend.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.StorageException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;
import dev.strata.api.tck.EngineFixture;

import org.junit.jupiter.api.Test;

/**
 * Kills the PostgreSQL server ({@code pg_ctl -m immediate stop}: no shutdown checkpoint, as in a crash) while a
 * writer commits one key per transaction, then starts it again. Every commit that was acknowledged is there
 * afterwards; meanwhile the engine reported {@link StoreUnavailableException}; and the same engine, never reopened,
 * writes again once the server is back (its pool makes new connections); its {@code unavailableReason()} says so
 * while the server is down and is empty again after the restart, without the engine being reopened. Needs the server that .ci/postgres-server
 * starts ({@code STRATA_POSTGRES_DIR}, {@code STRATA_POSTGRES_BIN}, {@code STRATA_POSTGRES_PORT}).
 */
class PostgresServerRestartTest extends ServerTest {

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (Boolean.getBoolean("strata.postgres.required")) {
                fail(name + " is not set: the restart test needs the throwaway server of .ci/postgres-server");
            }
            abort(name + " is not set: the restart test runs only on the throwaway server of .ci/postgres-server");
        }
        return value;
    }

    private static void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                env("STRATA_POSTGRES_BIN") + "/pg_ctl", "-D", env("STRATA_POSTGRES_DIR") + "/data"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("pg_ctl " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    @Test
    void acknowledgedCommitsSurviveAServerCrashAndTheEngineComesBackByItself() throws Exception {
        String dir = env("STRATA_POSTGRES_DIR");
        String port = env("STRATA_POSTGRES_PORT");
        EngineFixture fixture = TestServer.fixture("restart")
                .with(PostgresSettings.CONNECT_TIMEOUT, 500)
                .with(PostgresSettings.RETRIES, 1)
                .with(PostgresSettings.RETRY_BACKOFF, 50);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger uncertain = new AtomicInteger();
        AtomicLong lastSequence = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        try (fixture) {
            StorageEngine engine = fixture.engine();
            Thread writer = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                        tx.put(key(i), key(i));
                        long sequence = tx.commit();
                        assertTrue(sequence > lastSequence.getAndSet(sequence), "sequences keep growing");
                        acknowledged.add(i);
                    } catch (StoreUnavailableException e) {
                        unavailable.incrementAndGet();
                    } catch (StorageException e) {
                        uncertain.incrementAndGet(); // lost while confirming: may or may not be there
                    }
                }
            }, "restart-test-writer");
            writer.start();
            try {
                waitFor(() -> acknowledged.size() >= 100, "first commits");
                pgCtl("-m", "immediate", "stop");
                int before = acknowledged.size();
                waitFor(() -> unavailable.get() >= 3, "the engine reporting the server unavailable");
                waitFor(() -> !engine.unavailableReason().isEmpty(), "the engine's unavailableReason while down");
                assertTrue(engine.unavailableReason().contains("not reachable"), engine.unavailableReason());
                assertTrue(acknowledged.size() <= before + 1, "no commit is acknowledged while the server is down");
                pgCtl("-l", dir + "/log", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "-w", "start");
                waitFor(() -> engine.unavailableReason().isEmpty(), "the probe seeing the server again");
                int afterRestart = acknowledged.size();
                waitFor(() -> acknowledged.size() >= afterRestart + 100, "commits after the restart, same engine");
            } finally {
                running.set(false);
                writer.join(30_000);
            }
            int missing = 0;
            try (EngineTransaction reader = engine.begin(TransactionMode.READ_ONLY)) {
                for (int i : acknowledged) {
                    if (reader.get(key(i)) == null) {
                        missing++;
                    }
                }
            }
            System.out.printf("restart test: %d acknowledged, %d unavailable, %d uncertain%n", acknowledged.size(),
                    unavailable.get(), uncertain.get());
            assertEquals(0, missing, "acknowledged commits missing after the crash (of " + acknowledged.size() + ")");
            assertTrue(unavailable.get() > 0);
        }
    }

    private static byte[] key(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
