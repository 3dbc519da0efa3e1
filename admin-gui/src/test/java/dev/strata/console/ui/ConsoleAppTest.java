package dev.strata.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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

/**
 * The whole window, headless (Monocle): log in with a wrong password and see it refused with its message, log in
 * with the right one, open the Stores tab and see the runtime's stores with their health.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleAppTest {

    @TempDir Path dir;
    private final FakeClient runtime = new FakeClient();
    private javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        runtime.rows.add(FakeClient.row("files", "ONLINE", "HEALTHY", ""));
        runtime.rows.add(FakeClient.row("old", "UNAVAILABLE", "DOWN", "backend 'file' is not installed"));
        runtime.stores.add(FakeClient.store("files", "ONLINE", 4096, 0.9));
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new ConsoleApp((host, port, user, password) -> {
            if (!new String(password).equals("right")) {
                throw new ConsoleException(ConsoleException.Kind.REFUSED, "Login refused: Invalid user name or password");
            }
            return runtime;
        }, new ProfileStore(dir.resolve("profiles.json"))));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aWrongPasswordIsRefusedWithItsMessageThenTheRightOneShowsTheStores(FxRobot robot) throws Exception {
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
    }
}
