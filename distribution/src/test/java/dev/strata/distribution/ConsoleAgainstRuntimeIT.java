package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;

import org.junit.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.console.ConsoleApp;
import dev.strata.console.client.JmxRuntimeClient;
import dev.strata.console.client.StoreRow;
import dev.strata.console.connect.ProfileStore;
import dev.strata.console.testing.HeadlessScreenRace;

/**
 * The console against a real runtime, not a fake: a copy of the assembled runtime is started with {@code bin/strata}
 * (its own JVM, a free JMX port, the admin password it prints at its first start), and the console's whole window
 * runs headless in this JVM (TestFX on Monocle; the failsafe execution {@code console} sets the properties) and talks
 * to it over JMX as an operator's would: a wrong password refused with its message in the login form, then log in,
 * see the shipped stores in the Stores view, watch the WAL-size chart of "files" grow while the runtime's shell
 * writes to it, start a backup in the Jobs view and see it SUCCEEDED in the history, cancel a held engine migration
 * and see it CANCELLED, install the example backend from its jar in the Backends view (its store comes ONLINE),
 * uninstall it (the store goes UNAVAILABLE, listed without its engine) and install it again (ONLINE); then the
 * runtime stops with status 0. The steps are {@link ConsoleSteps}.
 */
public class ConsoleAgainstRuntimeIT {

    private static final String EXAMPLE_STORE = "sorted";
    private static final Pattern PASSWORD = Pattern.compile("created user 'admin' with password (\\S+)");

    @Test
    public void anOperatorDrivesTheConsoleAgainstARealRuntime() throws Exception {
        Path home = copyOfTheRuntime();
        Path exampleJar = storeOnTheExampleBackend(home);
        int port = freePort();
        Map<String, String> environment = Map.of("STRATA_OPTS",
                "-Dstrata.jmx.port=" + port + " -Dstrata.metrics.port=0");
        try (ShellSession shell = ShellSession.start(home.resolve("bin/strata"), home, environment)) {
            shell.awaitPrompt();
            shell.runUntil("strata:stores", "the shipped stores ONLINE", printed ->
                    Pattern.compile("(?m)^files\\s+file\\s+ONLINE").matcher(printed).find()
                    && Pattern.compile("(?m)^system\\s+file\\s+ONLINE").matcher(printed).find());
            shell.runUntil("strata:jobs", "the job service", printed -> printed.contains("History"));
            shell.run("strata:put files console.1 written-before-the-console-came");
            Matcher printed = PASSWORD.matcher(shell.output());
            assertTrue("the first start prints the admin password: " + shell.output(), printed.find());
            String password = printed.group(1);

            FxToolkit.registerPrimaryStage();
            HeadlessScreenRace.tolerate();
            Application console = FxToolkit.setupApplication(() -> new ConsoleApp(JmxRuntimeClient::connect,
                    new ProfileStore(home.resolve("profiles.json"))));
            try {
                // through the data browser's JMX put, as admin: 1.5 MiB, more than the log's first preallocated MiB
                Runnable writeToFiles = () -> {
                    var writer = JmxRuntimeClient.connect("127.0.0.1", port, "admin", password.toCharArray());
                    try {
                        for (int i = 0; i < 24; i++) {
                            writer.putValue("files", "wal." + i, "w".repeat(64 * 1024), "text");
                        }
                    } finally {
                        writer.close();
                    }
                };
                drive(new FxRobot(), port, password, writeToFiles, exampleJar);
            } finally {
                FxToolkit.cleanupApplication(console);
                FxToolkit.cleanupStages();
            }
            shell.send("stop 0");
            assertEquals("exit status after stop 0; output: " + shell.output(), 0, shell.awaitExit());
        }
    }

    private static void drive(FxRobot robot, int port, String password, Runnable writeToFiles, Path exampleJar)
            throws Exception {
        ConsoleSteps steps = new ConsoleSteps(robot);
        steps.wrongPasswordRefused(port, password);
        steps.logIn(port, password);
        Await.until("the connected window", () -> robot.lookup("#tabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals("admin@127.0.0.1:" + port, robot.lookup("#runtimes").queryAs(TabPane.class).getTabs().get(0).getText());

        robot.interact(() -> tabs.getSelectionModel().select(ConsoleSteps.STORES));
        TableView<StoreRow> stores = steps.table(tabs.getTabs().get(ConsoleSteps.STORES).getContent(), "#table");
        Await.until("the runtime's stores in the Stores view", () -> stores.getItems().stream().map(StoreRow::name)
                .toList().containsAll(List.of("default", "files", "system", "xodus", EXAMPLE_STORE)));
        StoreRow files = stores.getItems().stream().filter(r -> r.name().equals("files")).findFirst().orElseThrow();
        assertEquals("file", files.backend());
        assertEquals("ONLINE", files.status());

        steps.walChartMoves(tabs, "files", writeToFiles);
        steps.storeVerified(tabs, "files");
        backupToItsEnd(robot, steps, tabs);
        steps.migrationCancelled(tabs, "xodus", "file");
        steps.backendInstalledAndUninstalled(tabs, exampleJar, "example", EXAMPLE_STORE);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void backupToItsEnd(FxRobot robot, ConsoleSteps steps, TabPane tabs) {
        robot.interact(() -> tabs.getSelectionModel().select(ConsoleSteps.JOBS));
        Node jobs = tabs.getTabs().get(ConsoleSteps.JOBS).getContent();
        Await.until("the role asked of the runtime: backup enabled for admin",
                () -> !robot.from(jobs).lookup("#backup").queryAs(Button.class).isDisabled());
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> store = robot.from(jobs).lookup("#store").queryAs(ComboBox.class);
            store.setValue("files");
            robot.from(jobs).lookup("#backup").queryAs(Button.class).fire();
        });
        TableView<JobInfo> history = steps.table(jobs, "#history");
        JobInfo backup = Await.value("the backup in the history", () -> history.getItems().stream()
                .filter(j -> j.type().equals("backup") && j.store().equals("files")).findFirst());
        assertEquals(backup.failure(), JobState.SUCCEEDED, backup.state());
        assertTrue("the result names the archive: " + backup.result(), backup.result().contains("files"));
        assertEquals("admin", backup.startedBy());
    }

    /** Defines a store on the example backend, whose bundle is not installed: UNAVAILABLE until the console installs it. */
    private static Path storeOnTheExampleBackend(Path home) throws IOException {
        Files.writeString(home.resolve("deploy/dev.strata.store-" + EXAMPLE_STORE + ".config"),
                "name=\"" + EXAMPLE_STORE + "\"\nbackend=\"example\"\ndurability=\"fsync\"\n");
        try (Stream<Path> examples = Files.list(home.resolve("examples"))) {
            return examples.filter(p -> p.getFileName().toString().startsWith("example-backend-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no example backend in " + home.resolve("examples")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fresh copy of target/strata, so the test neither sees nor leaves state in the assembled runtime. */
    private static Path copyOfTheRuntime() throws IOException {
        Path workDir = Files.createDirectories(Paths.get(System.getProperty(StrataRuntime.WORK_DIR_PROPERTY)));
        Path home = Files.createTempDirectory(workDir, "console-");
        Path source = StrataRuntime.distributionDir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = home.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.startsWith(source.resolve("data"))) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }
}
