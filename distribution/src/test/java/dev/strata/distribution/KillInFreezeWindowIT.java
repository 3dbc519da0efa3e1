package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Kill -9 of the real runtime inside the freeze window of an in-place engine migration of the shipped {@code files}
 * store (defined by {@code deploy/dev.strata.store-files.config}, which the migration rewrites), with a writer
 * writing through the shell. The window lasts about two seconds, so the job is held inside it by the jobs bundle's
 * test hook (the system property {@code strata.jobs.test.holdInFreezeWindow}, given through {@code STRATA_OPTS}):
 * the kill lands there every time. Two kills: with the store frozen (read-only, before the final catch-up), and with
 * the store switched to Xodus but the switch not yet recorded. After each restart the store is on exactly one
 * definition (its original file one, thawed and writable; or Xodus, writable and undoable), with every
 * acknowledged write, no frozen definition and no store of the job left, and the killed job is FAILED
 * (interrupted).
 */
public class KillInFreezeWindowIT {

    private static final String HOOK = "strata.jobs.test.holdInFreezeWindow";
    private static final String HELD = "test hook: holding in the freeze window at ";
    private static final int SEED = 100;
    private static final Pattern JOB_ID = Pattern.compile("job (\\d{8}-\\d{6}-\\d{3})");

    /** Every write the shell acknowledged ("ok"), by key. */
    private final Map<String, String> acked = new TreeMap<>();
    private int writes;

    @Test
    public void aKillInsideTheFreezeWindowLeavesTheStoreOnExactlyOneDefinitionWithEveryAcknowledgedWrite()
            throws Exception {
        Path home = KillDuringJobsIT.copyOfTheRuntime();
        Path definition = home.resolve("deploy/dev.strata.store-files.config");
        String frozenJob;
        try (ShellSession shell = started(home, "frozen")) {
            seed(shell);
            frozenJob = jobId(shell.run("strata:migrate files engine=xodus async"));
            writeUntilHeld(shell, frozenJob, "frozen");
            String refused = shell.run("strata:put files refused.while.frozen x");
            assertTrue("the store is frozen while the job holds: " + refused, refused.startsWith("error: "));
            assertTrue("frozen on disk too", Files.readString(definition).contains("read.only=\"true\""));
            shell.close(); // destroyForcibly: SIGKILL inside the freeze window
        }
        String switchedJob;
        try (ShellSession shell = started(home, "switched")) {
            assertOnOneDefinition(shell, definition, "file");
            assertTrue(shell.run("strata:job " + frozenJob).contains("interrupted"));
            assertAllAcknowledged(shell);
            put(shell, "after.first.restart");
            assertTrue("written after the restart", acked.containsKey("after.first.restart"));

            switchedJob = jobId(shell.run("strata:migrate files engine=xodus async"));
            writeUntilHeld(shell, switchedJob, "switched");
            for (int i = 0; i < 5; i++) {
                put(shell, "on.xodus.before.the.record." + i);
            }
            assertTrue("the switched store takes writes while the job holds: " + acked,
                    acked.containsKey("on.xodus.before.the.record.4"));
            shell.close(); // SIGKILL after the switch, before it is recorded
        }
        try (ShellSession shell = started(home, "")) {
            assertOnOneDefinition(shell, definition, "xodus");
            assertTrue(Files.readString(definition).contains("data.dir=\"files@xodus\""));
            String job = shell.run("strata:job " + switchedJob);
            assertTrue(job, job.contains("FAILED") && job.contains("interrupted"));
            assertAllAcknowledged(shell);

            // the switch stands and was recorded at start-up: it can be undone, back onto the file engine
            String undo = jobId(shell.run("strata:migrate-undo files async"));
            shell.runUntil("strata:job " + undo, "the undo SUCCEEDED", printed -> printed.contains("SUCCEEDED")
                    || printed.contains("FAILED"));
            assertTrue(shell.run("strata:job " + undo).contains("SUCCEEDED"));
            assertOnOneDefinition(shell, definition, "file");
            assertAllAcknowledged(shell);
            shell.send("stop 0");
            assertEquals(0, shell.awaitExit());
        }
    }

    private static ShellSession started(Path home, String holdAt) throws IOException {
        ShellSession shell = ShellSession.start(home.resolve("bin/strata"), home, holdAt.isEmpty() ? Map.of()
                : Map.of("STRATA_OPTS", "-D" + HOOK + "=" + holdAt));
        shell.awaitPrompt();
        shell.runUntil("strata:stores", "files, xodus and system ONLINE", printed -> Pattern.compile(
                "(?m)^files\\s+\\w+\\s+ONLINE").matcher(printed).find() && Pattern.compile("(?m)^xodus\\s+xodus\\s+"
                + "ONLINE").matcher(printed).find() && Pattern.compile("(?m)^system\\s+file\\s+ONLINE")
                .matcher(printed).find());
        shell.runUntil("strata:jobs", "the job service", printed -> printed.contains("History"));
        return shell;
    }

    private void seed(ShellSession shell) {
        StringJoiner keys = new StringJoiner(" ");
        for (int i = 1; i <= SEED; i++) {
            String key = String.format("s%04d", i); // words, not numbers: Gogo would drop leading zeros
            keys.add(key);
            acked.put(key, "seeded " + key);
        }
        shell.run("each [" + keys + "] { strata:put files \"$it\" \"seeded $it\" }");
        assertTrue(shell.run("strata:scan files 's*' 1000").contains(SEED + " entries"));
    }

    /** One write; kept as acknowledged only when the shell said "ok". */
    private void put(ShellSession shell, String key) {
        String value = "written " + key;
        String printed = shell.run("strata:put files " + key + " \"" + value + "\"").strip();
        if (printed.equals("ok")) {
            acked.put(key, value);
        } else {
            assertTrue("a write is refused in one line, or acknowledged: " + printed, printed.startsWith("error: "));
        }
    }

    /** Writes while the migration copies and catches up, until it says it holds at the point. */
    private void writeUntilHeld(ShellSession shell, String job, String point) {
        shell.runUntil("strata:job " + job, "job " + job + " held at '" + point + "'", printed -> {
            assertFalse("the migration ended before the hook: " + printed, printed.contains("SUCCEEDED")
                    || printed.contains("FAILED"));
            if (printed.contains(HELD + "'" + point + "'")) {
                return true;
            }
            put(shell, String.format("w%05d", ++writes));
            return false;
        });
    }

    private static void assertOnOneDefinition(ShellSession shell, Path definition, String backend)
            throws IOException {
        String stores = shell.runUntil("strata:stores", "files on " + backend + " ONLINE", printed -> Pattern
                .compile("(?m)^files\\s+" + backend + "\\s+ONLINE").matcher(printed).find());
        assertEquals("one store 'files': " + stores, 1, Pattern.compile("(?m)^files\\s").matcher(stores).results()
                .count());
        assertFalse("no store of the job is left: " + stores, stores.contains("migration-"));
        String file = Files.readString(definition);
        assertFalse("not left frozen: " + file, file.contains("read.only"));
        assertTrue(file, file.contains("backend=\"" + backend + "\""));
    }

    /** Every acknowledged write is there with its value, and nothing that was refused. */
    private void assertAllAcknowledged(ShellSession shell) {
        Map<String, String> found = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S+) = (.*)$").matcher(shell.run("strata:scan files '*' 100000"));
        while (m.find()) {
            found.put(m.group(1), m.group(2).strip());
        }
        assertEquals("every acknowledged write, nothing else", acked, found);
    }

    private static String jobId(String printed) {
        Matcher m = JOB_ID.matcher(printed);
        assertTrue(printed, m.find());
        return m.group(1);
    }
}
