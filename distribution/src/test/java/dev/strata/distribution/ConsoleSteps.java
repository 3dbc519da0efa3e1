package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;

import org.testfx.api.FxRobot;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.console.backends.BackendsView;
import dev.strata.console.client.BackendRow;
import dev.strata.console.client.StoreRow;
import dev.strata.console.shell.MainView;

/**
 * The steps {@link ConsoleAgainstRuntimeIT} drives in the console's window, one operator task each, every one
 * asserting what the operator would see (a message, a chart line, a table row), not what the runtime answers.
 */
final class ConsoleSteps {

    static final int DASHBOARD = 0;
    static final int STORES = 1;
    static final int BACKENDS = 2;
    static final int JOBS = 4;

    private final FxRobot robot;

    ConsoleSteps(FxRobot robot) {
        this.robot = robot;
    }

    /** Fills the login form and presses Connect. */
    void logIn(int port, String password) {
        robot.interact(() -> {
            robot.lookup("#port").queryAs(TextField.class).setText(Integer.toString(port));
            robot.lookup("#password").queryAs(TextField.class).setText(password);
            robot.lookup("#connect").queryAs(Button.class).fire();
        });
    }

    /** A wrong password: the form stays, with the runtime's refusal in its message line, and no window opens. */
    void wrongPasswordRefused(int port, String password) {
        logIn(port, password + "-wrong");
        Label message = robot.lookup("#message").queryAs(Label.class);
        String shown = Await.value("the refusal in the login form", () -> Optional.of(message.getText())
                .filter(text -> !text.isBlank() && !text.startsWith("Connecting")));
        assertTrue("the login form says the login was refused: " + shown, shown.startsWith("Login refused"));
        assertFalse("no runtime window for a refused login", robot.lookup("#tabs").tryQuery().isPresent());
    }

    /** Selects a store's tile (keyboard) and waits until its WAL-size line grows while the writer writes. */
    void walChartMoves(TabPane tabs, String store, Runnable writer) {
        robot.interact(() -> tabs.getSelectionModel().select(DASHBOARD));
        Node dashboard = tabs.getTabs().get(DASHBOARD).getContent();
        Node tile = Await.value("the tile of " + store, () -> robot.from(dashboard).lookup("#tiles").lookup(".label")
                .queryAllAs(Label.class).stream().filter(l -> l.getText().equals(store)).findFirst()
                .map(l -> tileOf(l)));
        robot.interact(() -> tile.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER,
                false, false, false, false)));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> wal = robot.from(dashboard).lookup("#walChart").queryAs(LineChart.class);
        Label title = robot.from(dashboard).lookup("#chartsTitle").queryAs(Label.class);
        Await.until("the charts of " + store, () -> title.getText().equals("Store '" + store + "'"));
        double before = Await.value("a WAL-size point of " + store, () -> lastPoint(wal));
        writer.run();
        double after = Await.value("the WAL-size line of " + store + " above " + before,
                () -> lastPoint(wal).filter(now -> now > before));
        assertTrue(after > before);
    }

    private static Node tileOf(Label name) {
        Node node = name;
        while (!node.getClass().getSimpleName().equals("TileNode")) {
            node = node.getParent(); // a NullPointerException here counts as "not yet" for Await
        }
        return node;
    }

    private static Optional<Double> lastPoint(LineChart<Number, Number> chart) {
        List<XYChart.Data<Number, Number>> points = chart.getData().isEmpty() ? List.of()
                : List.copyOf(chart.getData().get(0).getData());
        return points.isEmpty() ? Optional.empty()
                : Optional.of(points.get(points.size() - 1).getYValue().doubleValue());
    }

    /**
     * Verify of a store from the Stores view: the job service reads every key and value, and the view's message line
     * says it passed, with the job's result, once the job ended.
     */
    void storeVerified(TabPane tabs, String store) {
        robot.interact(() -> tabs.getSelectionModel().select(STORES));
        Node view = tabs.getTabs().get(STORES).getContent();
        TableView<StoreRow> stores = table(view, "#table");
        StoreRow row = Await.value("the row of " + store, () -> stores.getItems().stream()
                .filter(r -> r.name().equals(store)).findFirst());
        robot.interact(() -> stores.getSelectionModel().select(row));
        Button verify = robot.from(view).lookup("#verify").queryAs(Button.class);
        Await.until("Verify enabled for " + store, () -> !verify.isDisabled());
        robot.interact(verify::fire);
        Label message = robot.from(view).lookup("#message").queryAs(Label.class);
        String shown = Await.value("the verdict of the verify of " + store, () -> Optional.of(message.getText())
                .filter(text -> text.startsWith("Verify of '" + store + "'")));
        assertTrue("the verify passed with its result: " + shown, shown.startsWith("Verify of '" + store
                + "' passed: verified '" + store + "'"));
    }

    /** An in-place engine migration held before its switch, cancelled with the Jobs view's Cancel button. */
    void migrationCancelled(TabPane tabs, String store, String engine) {
        robot.interact(() -> tabs.getSelectionModel().select(JOBS));
        Node jobs = tabs.getTabs().get(JOBS).getContent();
        Button start = robot.from(jobs).lookup("#engineStart").queryAs(Button.class);
        Await.until("the engine migration's Start enabled for admin", () -> !start.isDisabled());
        robot.interact(() -> {
            robot.from(jobs).lookup("#forms").queryAs(TabPane.class).getSelectionModel().selectLast();
            combo(jobs, "#engineStore").setValue(store);
            combo(jobs, "#engineTarget").setValue(engine);
            robot.from(jobs).lookup("#engineHold").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
            robot.from(jobs).lookup("#engineStart").queryAs(Button.class).fire();
        });
        TableView<JobInfo> active = table(jobs, "#active");
        Label said = robot.from(jobs).lookup("#message").queryAs(Label.class);
        JobInfo running;
        try {
            running = Await.value("the held migration of " + store + " among the running jobs", () -> active
                    .getItems().stream().filter(j -> j.stores().contains(store) && j.state() == JobState.RUNNING)
                    .findFirst());
        } catch (AssertionError notThere) {
            throw new AssertionError(notThere.getMessage() + "; the Jobs view says '" + said.getText()
                    + "'; running: " + active.getItems(), notThere);
        }
        robot.interact(() -> {
            active.getSelectionModel().select(running);
            robot.from(jobs).lookup("#cancel").queryAs(Button.class).fire();
        });
        TableView<JobInfo> history = table(jobs, "#history");
        JobInfo ended = Await.value("the migration " + running.id() + " in the history", () -> history.getItems()
                .stream().filter(j -> j.id().equals(running.id())).findFirst());
        assertEquals(ended.failure(), JobState.CANCELLED, ended.state());
    }

    /**
     * Installs the jar through the Backends view's Install button (its file chooser answered with the jar), then
     * uninstalls it with Uninstall and OK in the confirmation, then installs it again by dropping it on the window:
     * the store it serves shows ONLINE, then UNAVAILABLE (in the Stores view and among the Backends view's stores
     * without their engine), then ONLINE again.
     */
    void backendInstalledAndUninstalled(TabPane tabs, Path jar, String type, String store) {
        robot.interact(() -> tabs.getSelectionModel().select(BACKENDS));
        Node backends = tabs.getTabs().get(BACKENDS).getContent();
        Function<Window, File> chooser = window -> jar.toFile();
        robot.interact(() -> backends.getProperties().put(BackendsView.JAR_CHOOSER, chooser));
        TableView<StoreRow> stores = table(tabs.getTabs().get(STORES).getContent(), "#table");
        Label orphans = robot.from(backends).lookup("#orphans").queryAs(Label.class);
        Await.until(store + " UNAVAILABLE before its engine is installed", () -> status(stores, store)
                .equals("UNAVAILABLE") && orphans.getText().contains(store) && orphans.getParent().isVisible());

        install(backends);
        TableView<BackendRow> table = table(backends, "#table");
        BackendRow row = Await.value("the " + type + " backend in the table", () -> table.getItems().stream()
                .filter(r -> r.type().equals(type)).findFirst());
        Await.until(store + " ONLINE once its engine is installed", () -> status(stores, store).equals("ONLINE")
                && !orphans.getParent().isVisible());

        robot.interact(() -> table.getSelectionModel().select(row));
        Button uninstall = robot.from(backends).lookup("#uninstall").queryAs(Button.class);
        Await.until("Uninstall enabled for the selected backend", () -> !uninstall.isDisabled());
        Platform.runLater(uninstall::fire); // not interact: the confirmation's showAndWait holds the FX call
        DialogPane confirm = Await.value("the uninstall confirmation", () -> robot.lookup(".dialog-pane")
                .tryQueryAs(DialogPane.class));
        assertTrue("the confirmation names the store: " + confirm.getContentText(),
                confirm.getContentText().contains(store));
        robot.interact(() -> ((Button) confirm.lookupButton(ButtonType.OK)).fire());
        Await.until(store + " UNAVAILABLE after the uninstall, listed without its engine", () -> status(stores, store)
                .equals("UNAVAILABLE") && orphans.getParent().isVisible() && orphans.getText().contains(store)
                && table.getItems().stream().noneMatch(r -> r.type().equals(type)));

        // the second install drops the jar on the window while the Stores view is shown (the drop handler itself:
        // a drag gesture's Dragboard cannot be made headless); the window then shows Backends with the result
        robot.interact(() -> tabs.getSelectionModel().select(STORES));
        @SuppressWarnings("unchecked")
        Predicate<List<File>> drop = (Predicate<List<File>>) tabs.getParent().getProperties().get(MainView.DROP_FILES);
        boolean[] taken = {false};
        robot.interact(() -> taken[0] = drop.test(List.of(jar.toFile())));
        assertTrue("the dropped jar is taken", taken[0]);
        assertEquals("the window shows Backends after a drop", BACKENDS, tabs.getSelectionModel().getSelectedIndex());
        Await.until(store + " ONLINE again after the jar was dropped on the window",
                () -> status(stores, store).equals("ONLINE"));
        Await.until("the drop's result in the Backends view", () -> robot.from(backends).lookup("#message")
                .queryAs(Label.class).getText().startsWith("Installed '" + jar.getFileName()));
    }

    private void install(Node backends) {
        robot.interact(() -> robot.from(backends).lookup("#install").queryAs(Button.class).fire());
    }

    private static String status(TableView<StoreRow> stores, String store) {
        return stores.getItems().stream().filter(r -> r.name().equals(store)).map(StoreRow::status).findFirst()
                .orElse("absent");
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> combo(Node view, String id) {
        return robot.from(view).lookup(id).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    <T> TableView<T> table(Node view, String id) {
        return robot.from(view).lookup(id).queryAs(TableView.class);
    }
}
