package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * {@code bin/strata} as a newcomer uses it, on a copy of the assembled runtime in a folder whose path has a space,
 * started from another directory: the shipped store works at the prompt, a backend dropped into {@code deploy/} is
 * picked up, {@code stop 0} ends the process with status 0, and a framework that cannot start gives status 1.
 * A plain JUnit test (no Pax Exam): the runtime runs in its own JVM, as in production.
 */
public class LauncherScriptIT {

    private static final Pattern DEFAULT_STORE_ONLINE = Pattern.compile("(?m)^default\\s+memory\\s+ONLINE");

    @Test
    public void theShippedStoreWorksAtThePromptADroppedBackendIsPickedUpAndStopEndsTheProcess() throws Exception {
        Path home = copyOfTheRuntime();
        Path elsewhere = Files.createDirectories(home.resolveSibling("somewhere else"));

        try (ShellSession shell = ShellSession.start(home.resolve("bin/strata"), elsewhere, Map.of())) {
            shell.awaitPrompt();
            shell.runUntil("strata:stores", "the default store ONLINE in memory",
                    printed -> DEFAULT_STORE_ONLINE.matcher(printed).find());
            shell.run("strata:put default hello world");
            assertEquals("world", shell.run("strata:get default hello").strip());

            Path jar = StrataRuntime.exampleBackendJar();
            Path staged = Files.copy(jar, home.resolve(jar.getFileName() + ".part"));
            Files.move(staged, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            shell.runUntil("strata:backends", "the example backend",
                    printed -> Pattern.compile("(?m)^example\\s").matcher(printed).find());

            shell.send("stop 0");
            assertEquals("exit status after stop 0; output: " + shell.output(), 0, shell.awaitExit());
        }
        assertTrue("the runtime logs into log/strata.log", Files.size(home.resolve("log/strata.log")) > 0);
        assertTrue("the framework cache is under data/", Files.isDirectory(home.resolve("data/felix-cache")));
    }

    /**
     * The three places a newcomer tripped, driven through the real shell: UTF-8 bytes written to its standard input
     * (as a UTF-8 terminal sends them) are stored as the same UTF-8 text, a missing argument gets the usage, and an
     * unquoted {@code *} that Gogo expanded into the working directory's file names gets a hint.
     */
    @Test
    public void typedTextIsStoredAsTypedAShortCommandGetsItsUsageAndAnExpandedStarAHint() throws Exception {
        Path home = copyOfTheRuntime();
        Path workDir = Files.createDirectories(home.resolveSibling("work"));
        Files.writeString(workDir.resolve("notes.txt"), "not a key");

        try (ShellSession shell = ShellSession.start(home.resolve("bin/strata"), workDir, Map.of("LANG", "C.UTF-8"))) {
            shell.awaitPrompt();
            shell.runUntil("strata:stores", "the default store ONLINE in memory",
                    printed -> DEFAULT_STORE_ONLINE.matcher(printed).find());
            assertEquals("ok", shell.run("strata:put default clé héllo€").strip());
            assertEquals("héllo€", shell.run("strata:get default clé").strip());
            assertEquals("clé = héllo€\n1 entry", shell.run("strata:scan default 'cl*'").strip());

            String usage = shell.run("strata:put default k").strip();
            assertTrue(usage, usage.startsWith("error: missing <value>\nusage: strata:put <store> <key> <value>"));

            // Gogo passes the names of the matching files as one list argument (a single match may come as a word)
            String hint = shell.run("strata:scan default *").strip();
            assertTrue(hint, hint.contains("hint: the shell replaced an unquoted *"));
            assertTrue(hint, hint.endsWith("quote the pattern: strata:scan default '*'"));
            Files.writeString(workDir.resolve("more.txt"), "x");
            Files.createDirectory(workDir.resolve("sub"));
            hint = shell.run("strata:scan default *").strip();
            assertTrue(hint, hint.startsWith("error: hint: the shell replaced an unquoted *"));
            assertTrue(shell.run("strata:scan default '*'").strip().endsWith("1 entry"));

            shell.send("stop 0");
            assertEquals("exit status after stop 0; output: " + shell.output(), 0, shell.awaitExit());
        }
    }

    @Test
    public void aFrameworkThatCannotStartEndsWithStatusOne() throws Exception {
        Path home = copyOfTheRuntime();
        // a bundle cache below a regular file cannot be created, whoever runs the test (STRATA_OPTS is split on
        // blanks, so this path has none)
        Path blocker = Files.createTempFile(home.getParent().getParent(), "not-a-directory-", "");
        Map<String, String> environment = Map.of("STRATA_OPTS",
                "-Dorg.osgi.framework.storage=" + blocker.resolve("felix-cache"));

        try (ShellSession shell = ShellSession.start(home.resolve("bin/strata"), home, environment)) {
            int status = shell.awaitExit();
            assertEquals("exit status; output: " + shell.output(), 1, status);
            assertTrue(shell.output(), shell.output().contains("the framework could not start"));
        }
    }

    /** A fresh copy of target/strata, so the tests neither see nor leave state in the assembled runtime. */
    private static Path copyOfTheRuntime() throws IOException {
        Path workDir = Files.createDirectories(Paths.get(System.getProperty(StrataRuntime.WORK_DIR_PROPERTY)));
        Path home = Files.createTempDirectory(workDir, "launcher ").resolve("strata home");
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
        return home;
    }
}
