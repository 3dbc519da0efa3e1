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
import javafx.scene.control.TextField;

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

/**
 * The console against a real runtime, not a fake: a copy of the assembled runtime is started with {@code bin/strata}
 * (its own JVM, a free JMX port, the admin password it prints at its first start), and the console's whole window
 * runs headless in this JVM (TestFX on Monocle; the failsafe execution {@code console} sets the properties) and talks
 * to it over JMX as an operator's would: log in, see the shipped stores in the Stores view, start a backup in the
 * Jobs view and see it in the history as SUCCEEDED, then the runtime stops with status 0.
 */
public class ConsoleAgainstRuntimeIT {

    private static final Pattern PASSWORD = Pattern.compile("created user 'admin' with password (\\S+)");

    @Test
    public void theConsoleConnectsSeesTheStoresAndRunsABackupToItsEnd() throws Exception {
        Path home = copyOfTheRuntime();
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
            Application console = FxToolkit.setupApplication(() -> new ConsoleApp(JmxRuntimeClient::connect,
                    new ProfileStore(home.resolve("profiles.json"))));
            try {
                drive(new FxRobot(), port, password);
            } finally {
                FxToolkit.cleanupApplication(console);
                FxToolkit.cleanupStages();
            }
            shell.send("stop 0");
            assertEquals("exit status after stop 0; output: " + shell.output(), 0, shell.awaitExit());
        }
    }

    private static void drive(FxRobot robot, int port, String password) throws Exception {
        robot.interact(() -> {
            robot.lookup("#port").queryAs(TextField.class).setText(Integer.toString(port));
            robot.lookup("#password").queryAs(TextField.class).setText(password);
            robot.lookup("#connect").queryAs(Button.class).fire();
        });
        Await.until("the connected window", () -> robot.lookup("#tabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals("admin@127.0.0.1:" + port, robot.lookup("#runtimes").queryAs(TabPane.class).getTabs().get(0).getText());

        robot.interact(() -> tabs.getSelectionModel().select(1)); // Stores
        TableView<StoreRow> stores = table(robot, tabs, 1, "#table");
        Await.until("the runtime's stores in the Stores view", () -> stores.getItems().stream().map(StoreRow::name)
                .toList().containsAll(List.of("default", "files", "system", "xodus")));
        StoreRow files = stores.getItems().stream().filter(r -> r.name().equals("files")).findFirst().orElseThrow();
        assertEquals("file", files.backend());
        assertEquals("ONLINE", files.status());

        robot.interact(() -> tabs.getSelectionModel().select(4)); // Jobs
        Node jobs = tabs.getTabs().get(4).getContent();
        Await.until("the role asked of the runtime: backup enabled for admin",
                () -> !robot.from(jobs).lookup("#backup").queryAs(Button.class).isDisabled());
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> store = robot.from(jobs).lookup("#store").queryAs(ComboBox.class);
            store.setValue("files");
            robot.from(jobs).lookup("#backup").queryAs(Button.class).fire();
        });
        TableView<JobInfo> history = table(robot, tabs, 4, "#history");
        JobInfo backup = Await.value("the backup in the history", () -> history.getItems().stream()
                .filter(j -> j.type().equals("backup") && j.store().equals("files")).findFirst());
        assertEquals(backup.failure(), JobState.SUCCEEDED, backup.state());
        assertTrue("the result names the archive: " + backup.result(), backup.result().contains("files"));
        assertEquals("admin", backup.startedBy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, TabPane tabs, int tab, String id) {
        return robot.from(tabs.getTabs().get(tab).getContent()).lookup(id).queryAs(TableView.class);
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
