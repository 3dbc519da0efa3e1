package dev.strata.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.strata.console.ConsoleApp;
import dev.strata.console.FakeClient;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.StoreRow;
import dev.strata.console.connect.ProfileStore;
import dev.strata.console.testing.HeadlessScreenRace;

/**
 * The whole window, headless (Monocle): log in with a wrong password and see it refused with its message, log in
 * with the right one, open the Stores tab and see the runtime's stores with their health.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleAppTest {

    @TempDir Path dir;
    private final FakeClient runtime = new FakeClient();
    private final FakeClient second = new FakeClient();
    private javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        runtime.rows.add(FakeClient.row("files", "ONLINE", "HEALTHY", ""));
        runtime.rows.add(FakeClient.row("old", "UNAVAILABLE", "DOWN", "backend 'file' is not installed"));
        runtime.stores.add(FakeClient.store("files", "ONLINE", 4096, 0.9));
        runtime.now = System.currentTimeMillis();
        runtime.valuedSeconds.put("cacheHitRate", 20);
        second.stores.add(FakeClient.store("remote", "ONLINE", 1, 0.5));
        FxToolkit.registerPrimaryStage();
        HeadlessScreenRace.tolerate(); // a dropped frame of Monocle's screen is not the console's fault
        app = FxToolkit.setupApplication(() -> new ConsoleApp(settings -> {
            if (!new String(settings.password()).equals("right")) {
                throw new ConsoleException(ConsoleException.Kind.REFUSED, "Login refused: Invalid user name or password");
            }
            return settings.port() == 9199 ? second : runtime;
        }, new ProfileStore(dir.resolve("profiles.json"))));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aWrongPasswordIsRefusedWithItsMessageThenTheRightOneShowsTheStores(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#truststore").query().isDisabled(), "no truststore to give without TLS");
        robot.clickOn("#tls");
        assertTrue(!robot.lookup("#truststore").query().isDisabled(), "TLS ticked: the truststore can be given");
        robot.clickOn("#tls");
        runtime.audit.add("0|2026-12-01T19:00:01Z|admin|127.0.0.1|login||ok|ok|" + "a".repeat(64));
        runtime.auditVerdict = "ok: 1 entries";
        robot.clickOn("#password").write("wrong");
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () ->
                robot.lookup("#message").queryAs(Label.class).getText().startsWith("Login refused"));
        assertEquals("Login refused: Invalid user name or password", robot.lookup("#message").queryAs(Label.class).getText());
        robot.doubleClickOn("#password").eraseText(5).write("right");
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#tabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        @SuppressWarnings("unchecked")
        TableView<StoreRow> table = robot.from(tabs.getTabs().get(1).getContent()).lookup("#table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertEquals("old", table.getItems().get(1).name());
        assertTrue(robot.lookup("DOWN").tryQuery().isPresent(), "the health is on screen");
        assertTrue(robot.lookup("backend 'file' is not installed").tryQuery().isPresent(), "and its reason");
        assertTrue(robot.from(tabs.getTabs().get(1).getContent()).lookup("#open").query().isDisabled(),
                "nothing selected: nothing to open");

        robot.interact(() -> tabs.getSelectionModel().select(4)); // Jobs
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> store = robot.from(tabs.getTabs().get(4).getContent()).lookup("#store")
                .queryAs(javafx.scene.control.ComboBox.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "files".equals(store.getValue()));
        assertEquals(java.util.List.of("files"), store.getItems(), "the backup form's box lists the runtime's stores");

        robot.interact(() -> tabs.getSelectionModel().select(5)); // Audit
        @SuppressWarnings("unchecked")
        TableView<dev.strata.console.audit.AuditRow> audit = robot.from(tabs.getTabs().get(5).getContent())
                .lookup("#entries").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> audit.getItems().size() == 1);
        assertEquals(7, audit.getColumns().size(), "time, user, from, action, target, arguments, result");
        assertEquals("Hash chain: ok: 1 entries", robot.from(tabs.getTabs().get(5).getContent()).lookup("#chain")
                .queryAs(Label.class).getText());
    }

    @Test
    void withTwentyStoresTheChosenTileIsScrolledIntoViewAboveItsCharts(FxRobot robot) throws Exception {
        runtime.stores.clear();
        for (int i = 1; i <= 18; i++) {
            runtime.stores.add(FakeClient.store(String.format("app%02d", i), "ONLINE", 16, Double.NaN));
        }
        runtime.stores.add(FakeClient.store("files", "ONLINE", 4096, 0.9));
        runtime.stores.add(FakeClient.store("xodus", "ONLINE", 16, 0.5));
        robot.clickOn("#password").write("right");
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#tiles").tryQuery().isPresent());
        javafx.scene.layout.FlowPane tiles = robot.lookup("#tiles").queryAs(javafx.scene.layout.FlowPane.class);
        javafx.scene.control.ScrollPane area = robot.lookup("#tileArea").queryAs(javafx.scene.control.ScrollPane.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tiles.getChildren().size() == 20);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node files = tiles.getChildren().get(18);
        assertTrue(tiles.getHeight() > area.getViewportBounds().getHeight() * 1.5, "more rows than the area shows");
        assertTrue(!inView(area, tiles, files), "at the start the area shows the first rows");

        robot.interact(() -> files.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                "", "", javafx.scene.input.KeyCode.ENTER, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inView(area, tiles, files), () -> "the chosen tile is scrolled into view: vvalue " + area.getVvalue()
                + ", content " + tiles.getHeight() + ", viewport " + area.getViewportBounds() + ", tile "
                + files.getBoundsInParent());
        assertEquals("Store 'files'", robot.lookup("#chartsTitle").queryAs(Label.class).getText(), "above its charts");

        robot.interact(() -> area.setVvalue(0));
        robot.interact(() -> tiles.getChildren().get(19).requestFocus()); // Tab reaching a tile out of view
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inView(area, tiles, tiles.getChildren().get(19)), "a tile reached by the keyboard is shown");

        robot.interact(() -> area.setVvalue(0));
        robot.interact(() -> tiles.getChildren().get(0).requestFocus());
        for (int i = 0; i < 12; i++) { // the arrow keys, down to the bottom row (more presses than rows: it stays)
            robot.interact(() -> tiles.getScene().getFocusOwner().fireEvent(new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.DOWN, false, false,
                    false, false)));
        }
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node reached = tiles.getScene().getFocusOwner();
        double bottomRow = tiles.getChildren().stream().mapToDouble(n -> n.getBoundsInParent().getMinY()).max()
                .orElseThrow();
        assertTrue(tiles.getChildren().indexOf(reached) > 0, "Down moved the focus to another tile");
        assertEquals(bottomRow, reached.getBoundsInParent().getMinY(), 0.5, "down to the bottom row");
        assertEquals(tiles.getChildren().get(0).getBoundsInParent().getMinX(), reached.getBoundsInParent().getMinX(),
                0.5, "in the same column");
        assertTrue(inView(area, tiles, reached), "and scrolled into view");
        robot.interact(() -> reached.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                "", "", javafx.scene.input.KeyCode.LEFT, false, false, false, false)));
        assertEquals(tiles.getChildren().indexOf(reached) - 1, tiles.getChildren().indexOf(
                tiles.getScene().getFocusOwner()), "Left: the tile before it");
    }

    @Test
    void theShortcutsShowEachViewRefreshEveryViewDefineAStoreAndOpenAnotherLogin(FxRobot robot) throws Exception {
        robot.clickOn("#password").write("right");
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#tabs").tryQuery().isPresent());
        TabPane views = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals(0, views.getSelectionModel().getSelectedIndex(), "the dashboard first");
        assertEquals("Show this view: Ctrl+2 · refresh every view: F5 or Ctrl+R",
                views.getTabs().get(1).getTooltip().getText(), "each tab names its shortcut");
        press(robot, views, javafx.scene.input.KeyCode.DIGIT2, true);
        assertEquals(1, views.getSelectionModel().getSelectedIndex(), "Ctrl+2: Stores");
        press(robot, views, javafx.scene.input.KeyCode.DIGIT6, true);
        assertEquals(5, views.getSelectionModel().getSelectedIndex(), "Ctrl+6: Audit");
        press(robot, views, javafx.scene.input.KeyCode.NUMPAD5, true);
        assertEquals(4, views.getSelectionModel().getSelectedIndex(), "Ctrl and the keypad's 5: Jobs");
        press(robot, views, javafx.scene.input.KeyCode.DIGIT2, false);
        assertEquals(4, views.getSelectionModel().getSelectedIndex(), "a digit alone is typed, not a shortcut");

        press(robot, views, javafx.scene.input.KeyCode.DIGIT2, true); // Stores: the ticker reads no audit entries
        Thread.sleep(1200); // a refresh of the Audit view still under way ends
        long audits = audits();
        Thread.sleep(1200);
        assertEquals(audits, audits(), "a hidden view is not polled");
        press(robot, views, javafx.scene.input.KeyCode.F5, false);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> audits() > audits);
        long afterF5 = audits();
        press(robot, views, javafx.scene.input.KeyCode.R, true);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> audits() > afterF5);

        press(robot, views, javafx.scene.input.KeyCode.DIGIT1, true);
        press(robot, views, javafx.scene.input.KeyCode.N, true);
        assertEquals(1, views.getSelectionModel().getSelectedIndex(), "Ctrl+N: the Stores view");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.stage.Stage stage && "Define a store".equals(stage.getTitle())));

        TabPane runtimes = robot.lookup("#runtimes").queryAs(TabPane.class);
        press(robot, views, javafx.scene.input.KeyCode.T, true);
        assertEquals(3, runtimes.getTabs().size(), "Ctrl+T: a login form beside the runtime, then +");
        assertTrue(runtimes.getSelectionModel().isSelected(1), "shown");
        assertTrue(robot.from(runtimes.getTabs().get(1).getContent()).lookup("#connect").tryQuery().isPresent());
    }

    /** How often the Audit view read the runtime's audit entries. */
    private long audits() {
        return runtime.calls.stream().filter("audit"::equals).count();
    }

    /** A key pressed where the focus is in the window (the shortcuts are taken before any control sees it). */
    private static void press(FxRobot robot, javafx.scene.Node in, javafx.scene.input.KeyCode code, boolean control) {
        robot.interact(() -> in.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                "", "", code, false, control, false, false)));
    }

    private static boolean inView(javafx.scene.control.ScrollPane area, javafx.scene.layout.FlowPane tiles,
            javafx.scene.Node tile) {
        double viewport = area.getViewportBounds().getHeight();
        double top = area.getVvalue() * (tiles.getHeight() - viewport);
        return tile.getBoundsInParent().getMinY() >= top - 0.5 && tile.getBoundsInParent().getMaxY() <= top + viewport + 0.5;
    }

    @Test
    void everyChartSharesOneTimeAxisAndASecondRuntimeGetsItsOwnTabWhileTheHiddenOnePausesPolling(FxRobot robot)
            throws Exception {
        robot.clickOn("#password").write("right");
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#tabs").tryQuery().isPresent());
        TabPane first = robot.lookup("#tabs").queryAs(TabPane.class);
        java.util.Set<LineChart<?, ?>> charts = robot.from(first).lookup(".chart").queryAllAs(
                (Class<LineChart<?, ?>>) (Class<?>) LineChart.class);
        assertEquals(5, charts.size());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> charts.stream()
                .allMatch(c -> ((NumberAxis) c.getXAxis()).getLowerBound() > 1e9)); // epoch seconds, not 0..100
        WaitForAsyncUtils.waitForFxEvents();
        double lower = ((NumberAxis) charts.iterator().next().getXAxis()).getLowerBound();
        double upper = ((NumberAxis) charts.iterator().next().getXAxis()).getUpperBound();
        assertEquals(300, upper - lower, 1e-9, "five minutes");
        for (LineChart<?, ?> chart : charts) {
            NumberAxis axis = (NumberAxis) chart.getXAxis();
            assertEquals(lower, axis.getLowerBound(), 1.5, chart.getTitle()); // a refresh may move it by a second
            assertEquals(upper - lower, axis.getUpperBound() - axis.getLowerBound(), 1e-9, chart.getTitle());
        }

        TabPane runtimes = robot.lookup("#runtimes").queryAs(TabPane.class);
        robot.interact(() -> runtimes.getSelectionModel().select(runtimes.getTabs().size() - 1)); // "+"
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, runtimes.getTabs().size(), "the first runtime, a login form, and +");
        javafx.scene.Node form = runtimes.getSelectionModel().getSelectedItem().getContent();
        robot.interact(() -> robot.from(form).lookup("#port").queryAs(javafx.scene.control.TextField.class).setText("9199"));
        robot.interact(() -> robot.from(form).lookup("#password").queryAs(javafx.scene.control.TextField.class).setText("right"));
        robot.interact(() -> robot.from(form).lookup("#connect").queryAs(javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () ->
                runtimes.getTabs().get(1).getText().equals("tester@127.0.0.1:9199"));
        assertEquals("tester@127.0.0.1:9099", runtimes.getTabs().get(0).getText());
        assertTrue(runtimes.getSelectionModel().isSelected(1), "the new runtime is shown");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("remote").tryQuery().isPresent());

        int hiddenCalls = runtime.storesCalls.get();
        int shownCalls = second.storesCalls.get();
        Thread.sleep(2500);
        assertEquals(hiddenCalls, runtime.storesCalls.get(), "a hidden runtime is not polled");
        assertTrue(second.storesCalls.get() >= shownCalls + 2, "the shown one is, once a second");
        robot.interact(() -> runtimes.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> runtime.storesCalls.get() > hiddenCalls);

        assertEquals(1, robot.lookup("#darkTheme").queryAll().size(), "one theme box for the window, not one a runtime");
        robot.clickOn("#darkTheme");
        assertTrue(runtimes.getScene().getRoot().getStyleClass().contains("dark"), "the whole window turns dark");
        robot.interact(() -> runtimes.getSelectionModel().select(1));
        assertTrue(runtimes.getScene().getRoot().getStyleClass().contains("dark"), "every runtime tab with it");
    }
}
