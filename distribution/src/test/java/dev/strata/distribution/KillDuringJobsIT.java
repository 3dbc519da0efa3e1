package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * Kill -9 of the runtime in the middle of a backup, a restore, a migration to another engine and a cold-archive
 * run: {@code bin/strata} runs as a child process on a copy of the assembled runtime, driven through its Gogo shell,
 * killed with {@code destroyForcibly} (SIGKILL) while the job runs, and started again. After each restart: the source
 * is intact (same digest), the half-made output is never listed as good and verify calls it incomplete, submitting
 * the job again resumes (migration, archive) or restarts cleanly (backup, restore), and no archived key is lost.
 * Jobs are slowed by the throttle and 1 KiB chunks so that the kill lands inside them.
 */
public class KillDuringJobsIT {

    private static final int KEYS = 400;
    private static final Pattern JOB_ID = Pattern.compile("job (\\d{8}-\\d{6}-\\d{3})");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @Test
    public void killedJobsLeaveTheSourceIntactAreNeverGoodAndResumeOrRestartCleanly() throws Exception {
        Path home = copyOfTheRuntime();
        Files.writeString(home.resolve("deploy/dev.strata.jobs.config"), "chunkKilobytes=\"1\"\n");
        String digest;
        Path partialCopy = home.resolve("half-made.strata-backup");
        try (ShellSession shell = started(home)) {
            seed(shell);
            digest = digestOf(shell.run("strata:maintain files verify"));
            shell.run("strata:throttle 0.005");
            String backup = jobId(shell.run("strata:backup files file=killed.strata-backup async"));
            awaitProgress(shell, backup);
            Path partial = home.resolve("backups/killed.strata-backup.partial");
            assertTrue("the backup is being written", Files.exists(partial));
            Files.copy(partial, partialCopy); // what the kill leaves, kept aside for verify
            killed(shell);
        }
        try (ShellSession shell = started(home)) {
            assertEquals("source intact after the kill", digest, digestOf(shell.run("strata:maintain files verify")));
            assertFalse("a half-made backup is never listed as good",
                    Files.exists(home.resolve("backups/killed.strata-backup")));
            assertTrue(shell.run("strata:job " + firstJob(shell)).contains("interrupted"));
            String verify = shell.run("strata:verify " + partialCopy);
            assertTrue(verify, verify.startsWith("error: ") && verify.contains("incomplete"));
            shell.run("strata:throttle 0");
            String again = shell.run("strata:backup files file=killed.strata-backup");
            assertTrue(again, again.contains("succeeded") && again.contains(digest));

            shell.run("strata:throttle 0.005");
            String restore = jobId(shell.run("strata:restore killed.strata-backup xodus async"));
            shell.runUntil("strata:scan xodus 'k*'", "the first restored chunk (job " + restore + ")",
                    printed -> printed.contains("entries") && !printed.strip().equals("0 entries"));
            killed(shell);
        }
        try (ShellSession shell = started(home)) {
            String refused = shell.run("strata:restore killed.strata-backup xodus");
            assertTrue("a half-restored target is not taken for a restored one: " + refused,
                    refused.startsWith("error: target store 'xodus' is not empty"));
            String restored = shell.run("strata:restore killed.strata-backup xodus overwrite");
            assertTrue(restored, restored.contains("succeeded") && restored.contains(digest));

            String migrate = jobId(shell.run("strata:migrate files engine=xodus async"));
            awaitProgress(shell, migrate);
            killed(shell);
        }
        try (ShellSession shell = started(home)) {
            assertTrue("the source serves as before on its engine: " + shell.run("strata:stores"),
                    Pattern.compile("(?m)^files\\s+file\\s+ONLINE").matcher(shell.run("strata:stores")).find());
            assertEquals(digest, digestOf(shell.run("strata:maintain files verify")));
            assertFalse("the killed job's own target store is gone", shell.run("strata:stores").contains("migration-"));
            shell.run("strata:throttle 0");
            String resumed = shell.run("strata:migrate files engine=xodus");
            if (!(resumed.contains("succeeded") && resumed.contains("resumed: ")
                    && resumed.contains("keys already in the target"))) {
                fail(resumed + "\n--- the whole session, 2 s later:\n" + transcriptLater(shell));
            }
            assertEquals(digest, digestOf(shell.run("strata:maintain files verify")));

            shell.run("strata:throttle 0.005");
            String archive = jobId(shell.run("strata:archive files pattern='k*' async"));
            // the second segment has begun: the first is archived, catalogued, and its position recorded
            shell.runUntil("strata:job " + archive, "a second archive segment", printed -> printed.split(
                    "output: ", -1).length > 2);
            killed(shell);
        }
        try (ShellSession shell = started(home)) {
            shell.run("strata:throttle 0");
            String resumed = shell.run("strata:archive files pattern='k*'");
            Matcher m = Pattern.compile("resumed at key 'k(\\d+)' after job \\S+: (\\d+) keys already archived.*"
                    + "archived (\\d+) keys").matcher(resumed);
            assertTrue(resumed, m.find());
            assertEquals("every key archived once, by one run or the other", KEYS,
                    Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)));
            assertEquals("0 entries", shell.run("strata:scan files 'k*'").strip());
            int boundary = Integer.parseInt(m.group(1));
            for (int i : new int[] {1, boundary - 1, boundary, boundary + 1, KEYS}) {
                if (i >= 1 && i <= KEYS) {
                    assertEquals("no archived key lost: k" + i, value(i),
                            shell.run("strata:archive-get files k" + String.format("%04d", i)).strip());
                }
            }
            shell.send("stop 0");
            assertEquals(0, shell.awaitExit());
        }
    }

    private static ShellSession started(Path home) throws IOException {
        ShellSession shell = ShellSession.start(home.resolve("bin/strata"), home, Map.of());
        shell.awaitPrompt();
        shell.runUntil("strata:stores", "files and xodus ONLINE", printed -> Pattern.compile("(?m)^files\\s+\\w+\\s+"
                + "ONLINE").matcher(printed).find() && Pattern.compile("(?m)^xodus\\s+xodus\\s+ONLINE")
                .matcher(printed).find() && Pattern.compile("(?m)^system\\s+file\\s+ONLINE").matcher(printed).find());
        shell.runUntil("strata:jobs", "the job service", printed -> printed.contains("History"));
        return shell;
    }

    private static void seed(ShellSession shell) {
        StringJoiner keys = new StringJoiner(" ");
        for (int i = 1; i <= KEYS; i++) {
            keys.add(String.format("k%04d", i)); // words, not numbers: Gogo would drop leading zeros
        }
        shell.run("each [" + keys + "] { strata:put files \"$it\" \"value of key $it, long enough to fill chunks\" }");
        String listed = shell.run("strata:scan files 'k*' 1000");
        assertTrue(listed, listed.contains(KEYS + " entries"));
    }

    private static String value(int i) {
        return "value of key " + String.format("k%04d", i) + ", long enough to fill chunks";
    }

    private static void killed(ShellSession shell) throws InterruptedException {
        shell.close(); // destroyForcibly: SIGKILL, no shutdown hook runs
    }

    private static String transcriptLater(ShellSession shell) {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return shell.transcript();
    }

    private static void awaitProgress(ShellSession shell, String id) {
        shell.runUntil("strata:job " + id, "job " + id + " RUNNING with work done", printed ->
                printed.contains("RUNNING") && !printed.matches("(?s).*RUNNING: 0[/ ].*"));
    }

    private static String firstJob(ShellSession shell) {
        Matcher m = Pattern.compile("(?m)^(\\d{8}-\\d{6}-\\d{3})\\s+backup\\s+FAILED").matcher(shell.run("strata:jobs"));
        assertTrue("the killed backup is in the history as FAILED", m.find());
        return m.group(1);
    }

    private static String jobId(String printed) {
        Matcher m = JOB_ID.matcher(printed);
        assertTrue(printed, m.find());
        return m.group(1);
    }

    private static String digestOf(String printed) {
        Matcher m = DIGEST.matcher(printed);
        assertTrue(printed, m.find());
        return m.group();
    }

    static Path copyOfTheRuntime() throws IOException {
        Path workDir = Files.createDirectories(Paths.get(System.getProperty(StrataRuntime.WORK_DIR_PROPERTY)));
        Path home = Files.createTempDirectory(workDir, "kill-").resolve("strata");
        Path source = StrataRuntime.distributionDir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = home.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        List<Path> data = List.of(home.resolve("data"), home.resolve("backups"), home.resolve("archives"));
        for (Path d : data) {
            assertFalse("a fresh copy has no " + d.getFileName() + " with content", Files.exists(d.resolve("files")));
        }
        return home;
    }
}
