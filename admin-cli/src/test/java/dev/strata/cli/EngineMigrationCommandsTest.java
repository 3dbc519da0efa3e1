package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.strata.api.management.EngineMigrationRequest;

import org.junit.jupiter.api.Test;

/**
 * migrate-engine, confirm and migrate-undo against a real JMX connector: the request each sends, the job each
 * follows, and the exit code and one line of every refusal.
 */
class EngineMigrationCommandsTest extends CliAgainstFakeRuntime {

    @Test
    void aMigrationSendsItsRequestAndFollowsTheJobToTheSwitch() {
        assertEquals(ExitCode.OK, cli("admin", "migrate-engine", "files", "--to", "xodus", "--set",
                "durability=fsync", "--keep-minutes", "90"), err);
        assertEquals(List.of(new EngineMigrationRequest("files", "xodus", Map.of("durability", "fsync"), false, 90,
                false)), runtime.engineMigrations.accepted);
        assertTrue(out.contains("state      SUCCEEDED") && out.contains("switched 'files' to 'xodus' (keep 90 min)"),
                out);
        assertTrue(out.contains("type       migrate-engine"), out);
    }

    @Test
    void aHeldMigrationReturnsWhileItWaitsAndConfirmLetsItSwitch() {
        assertEquals(ExitCode.OK, cli("admin", "migrate-engine", "files", "--to", "xodus", "--hold"), err);
        assertTrue(out.contains("state      RUNNING") && out.contains("waiting for"), out);
        assertTrue(err.contains("holding: switch with 'strata-cli confirm mig-1'"), err);
        assertTrue(runtime.engineMigrations.accepted.get(0).hold());

        assertEquals(ExitCode.OK, cli("admin", "confirm", "mig-1"), err);
        assertTrue(out.contains("state      SUCCEEDED") && out.contains("switched 'files' to 'xodus'"), out);
        assertEquals(ExitCode.USAGE, cli("admin", "confirm", "mig-1"), "a job that no longer waits");
        assertEquals("error: job mig-1 does not wait for a confirmation", err.strip());
        assertEquals(ExitCode.FAILED, cli("admin", "confirm", "mig-9"));
        assertEquals("error: no job 'mig-9'", err.strip());
    }

    @Test
    void undoSendsTheUndoRequest() {
        assertEquals(ExitCode.OK, cli("admin", "migrate-undo", "files"), err);
        assertEquals(List.of(EngineMigrationRequest.undoLast("files")), runtime.engineMigrations.accepted);
        assertTrue(out.contains("type       migrate-undo") && out.contains("switched 'files' back to 'file'"), out);
    }

    @Test
    void everyRefusalIsOneLineWithItsExitCodeAndSubmitsNothing() {
        assertEquals(ExitCode.REFUSED, cli("watcher", "migrate-engine", "files", "--to", "xodus"));
        assertTrue(err.strip().startsWith("refused: Access denied: user 'watcher'") && err.strip().endsWith(
                "needs role admin") && err.strip().lines().count() == 1, err);
        assertEquals(ExitCode.REFUSED, cli("watcher", "migrate-undo", "files"));
        assertEquals(ExitCode.OK, cli("admin", "migrate-engine", "files", "--to", "xodus", "--hold", "--no-wait"));
        assertEquals(ExitCode.REFUSED, cli("watcher", "confirm", "mig-1"));
        assertTrue(err.startsWith("refused: Access denied"), err);
        assertTrue(runtime.engineMigrations.info("mig-1").message().contains("waiting for"),
                "a refused confirm leaves the job holding");

        assertEquals(ExitCode.USAGE, cli("admin", "migrate-engine", "files"), "--to is required");
        assertTrue(err.contains("Missing required option: '--to=BACKEND'"), err);
        assertEquals(ExitCode.USAGE, cli("admin", "migrate-engine", "files", "--to", "xodus", "--set", "data.dir=x"));
        assertEquals("error: setting 'data.dir' is chosen by the migration itself", err.strip());
        assertEquals(ExitCode.USAGE, cli("admin", "migrate-engine", "files", "--to", "xodus", "--keep-minutes", "-1"));
        assertEquals("error: keepSourceMinutes must not be negative, was -1", err.strip());
        assertEquals(ExitCode.USAGE, cli("admin", "migrate-engine", "files", "--to", "memory"));
        assertTrue(err.strip().startsWith("error: backend 'memory' keeps nothing"), err);
        assertEquals(ExitCode.FAILED, cli("admin", "migrate-engine", "nowhere", "--to", "xodus"));
        assertEquals("error: No store named 'nowhere'. Defined stores: files", err.strip());
        assertEquals(1, runtime.engineMigrations.accepted.size(), "only the admin's held migration was accepted");
    }
}
