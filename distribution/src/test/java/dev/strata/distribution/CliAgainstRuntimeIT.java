package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * {@code bin/strata-cli} as a script or cron runs it, against {@code bin/strata} started from a copy of the assembled
 * runtime: the generated admin password read from the console, a backup with its test restore, a verify and a
 * restore into a store on another engine, and the exit codes a script tests (0 ok, 1 failed, 2 usage, 3 refused),
 * each with its one line.
 */
public class CliAgainstRuntimeIT {

    private static final Pattern ADMIN_PASSWORD = Pattern.compile("created user 'admin' with password (\\S+)");
    private static final Pattern ARCHIVE = Pattern.compile("(/\\S+\\.strata-backup)");

    /** One run of the CLI: its exit code and what it printed (standard error merged). */
    private record Run(int exit, String output) {
    }

    @Test
    public void theCliBacksUpVerifiesAndRestoresAStoreWithExitCodesAScriptCanTest() throws Exception {
        Path home = KillDuringJobsIT.copyOfTheRuntime();
        try (ShellSession shell = ShellSession.start(home.resolve("bin/strata"), home, Map.of())) {
            shell.awaitPrompt();
            String admin = Await.value("the admin password printed once at the first start", () -> {
                Matcher m = ADMIN_PASSWORD.matcher(shell.transcript());
                return m.find() ? Optional.of(m.group(1)) : Optional.empty();
            });
            shell.runUntil("strata:stores", "files and xodus ONLINE", printed -> Pattern.compile(
                    "(?m)^files\\s+file\\s+ONLINE").matcher(printed).find() && Pattern.compile(
                    "(?m)^xodus\\s+xodus\\s+ONLINE").matcher(printed).find());
            shell.run("each [a b c d e] { strata:put files \"cli.$it\" \"value $it\" }");
            Path password = Files.writeString(home.resolve("admin.pw"), admin + "\n");
            Files.writeString(home.resolve("etc/jmx.users"), "watcher = monitor:" + JmxIT.hash("watch-pw") + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            String asAdmin = "--password-file=" + password;

            Run stores = Await.value("the JMX connector to answer", () -> {
                Run r = cli(home, Map.of(), asAdmin, "stores");
                return r.exit() == 0 ? Optional.of(r) : Optional.empty();
            });
            assertTrue(stores.output(), Pattern.compile("(?m)^files\\s+file\\s+ONLINE").matcher(stores.output()).find());

            Run backup = cli(home, Map.of(), asAdmin, "backup", "files", "--test-restore");
            assertEquals(backup.output(), 0, backup.exit());
            assertTrue(backup.output(), backup.output().contains("test restore: digest equal"));
            Matcher archive = ARCHIVE.matcher(backup.output());
            assertTrue(backup.output(), archive.find());
            Run verify = cli(home, Map.of(), asAdmin, "verify", archive.group(1));
            assertEquals(verify.output(), 0, verify.exit());
            Run restore = cli(home, Map.of(), asAdmin, "restore", archive.group(1), "xodus");
            assertEquals(restore.output(), 0, restore.exit());
            assertEquals("value c", shell.run("strata:get xodus cli.c").strip());

            Path damaged = Files.write(home.resolve("damaged.strata-backup"), damagedCopy(Path.of(archive.group(1))));
            Run badArchive = cli(home, Map.of(), asAdmin, "verify", damaged.toString());
            assertEquals("a damaged archive fails its job: " + badArchive.output(), 1, badArchive.exit());

            Run wrong = cli(home, Map.of("STRATA_PASSWORD", "not-it"), "stores");
            assertEquals(wrong.output(), 3, wrong.exit());
            assertEquals("refused: Invalid user name or password", wrong.output().strip());
            Run monitor = cli(home, Map.of("STRATA_PASSWORD", "watch-pw"), "-u", "watcher", "backup", "files");
            assertEquals(monitor.output(), 3, monitor.exit());
            assertTrue(monitor.output(), monitor.output().startsWith("refused: Access denied"));
            Run unknown = cli(home, Map.of(), asAdmin, "metrics", "nosuch");
            assertEquals(unknown.output(), 1, unknown.exit());
            assertEquals("no store named 'nosuch'", unknown.output().strip());
            Run usage = cli(home, Map.of(), asAdmin, "frobnicate");
            assertEquals(usage.output(), 2, usage.exit());
            String jobs = shell.run("strata:jobs");
            assertEquals("the monitor's refused backup started nothing: " + jobs, 1,
                    Pattern.compile("(?m)^\\S+\\s+backup\\s+").matcher(jobs).results().count());
        }
    }

    /** The archive with one byte of its last quarter flipped (inside a chunk, past the header). */
    private static byte[] damagedCopy(Path archive) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length * 3 / 4] ^= 0x5a;
        return bytes;
    }

    private static Run cli(Path home, Map<String, String> environment, String... arguments) {
        try {
            return run(home, environment, arguments);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Run run(Path home, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/strata-cli").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().remove("STRATA_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close(); // no terminal: never a password prompt
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue("strata-cli " + command + " ended", process.waitFor(3, TimeUnit.MINUTES));
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
