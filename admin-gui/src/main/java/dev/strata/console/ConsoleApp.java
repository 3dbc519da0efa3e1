package dev.strata.console;

import java.io.IOException;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import dev.strata.console.client.JmxRuntimeClient;
import dev.strata.console.client.ReconnectingClient;
import dev.strata.console.connect.ProfileStore;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.connect.ConnectView;
import dev.strata.console.connect.ConnectViewModel;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.MainView;
import dev.strata.console.shell.RuntimeTabs;
import dev.strata.console.shell.ThemeChoice;

/** The console's window: the login form first, then the connected view. */
public final class ConsoleApp extends Application {

    private final Background background = Background.javafx();
    private final ConnectViewModel.Connector connector;
    private final ProfileStore profiles;
    private final ThemeChoice theme;
    private RuntimeTabs runtimes;

    /** The real console: JMX, profiles in the user's home. */
    public ConsoleApp() {
        this.connector = ConsoleApp::connect;
        this.profiles = ProfileStore.inUserHome();
        this.theme = ThemeChoice.ofUser();
    }

    /** A console over another connector and profile file (tests): its theme choice is not saved. */
    public ConsoleApp(ConnectViewModel.Connector connector, ProfileStore profiles) {
        this.connector = connector;
        this.profiles = profiles;
        this.theme = new ThemeChoice(null);
    }

    @Override
    public void start(Stage stage) throws IOException {
        stage.setTitle(dev.strata.console.shell.Messages.get("app.title"));
        if (named().containsKey("theme")) {
            theme.forSession("dark".equals(named().get("theme")));
        }
        FXMLLoader loader = new FXMLLoader(ConsoleApp.class.getResource("/dev/strata/console/connect/ConnectView.fxml"),
                dev.strata.console.shell.Messages.bundle());
        Parent login = loader.load();
        ConnectViewModel[] form = new ConnectViewModel[1];
        ConnectViewModel model = new ConnectViewModel(connector, background,
                connected -> showMain(stage, connected, form[0]), profiles);
        form[0] = model;
        named().forEach((name, value) -> {
            switch (name) {
                case "host" -> model.hostProperty().set(value);
                case "port" -> model.portProperty().set(value);
                case "user" -> model.userProperty().set(value);
                case "tls" -> model.tlsProperty().set(!"false".equals(value));
                case "truststore" -> {
                    model.tlsProperty().set(true);
                    model.truststoreProperty().set(value);
                }
                default -> { }
            }
        });
        String trustPassword = System.getenv("STRATA_TRUSTSTORE_PASSWORD");
        if (trustPassword != null) {
            model.truststorePasswordProperty().set(trustPassword);
        }
        String password = System.getenv("STRATA_PASSWORD");
        if (password != null) {
            model.passwordProperty().set(password);
        }
        ((ConnectView) loader.getController()).bind(model);
        stage.setScene(styled(new Scene(login, 560, 540)));
        stage.show();
        if (password != null && raw().contains("--connect")) {
            model.connect();
        }
    }

    /**
     * Connects, and keeps what a reconnection needs for this session only (in memory, never written): a lost
     * connection is then made again by itself, every 5 seconds, while the window stays open.
     */
    private static RuntimeClient connect(dev.strata.console.client.ConnectionSettings settings) {
        dev.strata.console.client.ConnectionSettings kept = settings.copy();
        RuntimeClient first;
        try {
            first = JmxRuntimeClient.connect(settings);
        } catch (RuntimeException refused) {
            kept.wipe();
            throw refused;
        }
        return new ReconnectingClient(first, () -> JmxRuntimeClient.connect(kept.copy()),
                System::currentTimeMillis, 5000);
    }

    /**
     * The first connection: the runtime tabs, where the "+" tab connects more runtimes, open in a window of their own
     * and the login form's window closes. The login window is not resized into the main one: JavaFX's software
     * painter can paint a frame of one size into a buffer of the other while a showing window is resized
     * (BufferOverflowException in its UploadingPainter and in Monocle's framebuffer, seen under load), and a window
     * shown at its final size is never resized.
     */
    private void showMain(Stage login, RuntimeClient connected, ConnectViewModel model) {
        runtimes = new RuntimeTabs(background, connector, profiles, theme);
        MainView main;
        try {
            main = runtimes.add(connected, model.hostProperty().get() + ":" + model.portProperty().get());
        } catch (java.io.UncheckedIOException e) {
            model.messageProperty().set(dev.strata.console.shell.Messages.get("app.cannotShow", e.getMessage()));
            return;
        }
        Stage window = new Stage();
        window.setTitle(login.getTitle());
        window.getIcons().setAll(login.getIcons());
        // fill the screen: setMaximized alone does nothing without a window manager (a bare X server, kiosks)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        window.setScene(styled(new Scene(runtimes.root(), Math.min(1280, screen.getWidth()),
                Math.min(800, screen.getHeight()))));
        window.setX(screen.getMinX());
        window.setY(screen.getMinY());
        window.setMaximized(true);
        window.show();
        login.hide(); // after the main window shows, so the platform never sees its last window close
        main.show(named().get("tab"), named().get("store"));
    }

    private Scene styled(Scene scene) {
        scene.getStylesheets().add(ConsoleApp.class.getResource("/dev/strata/console/console.css").toExternalForm());
        theme.follow(scene);
        return scene;
    }

    /** The named arguments; none when started by a test harness without parameters. */
    private java.util.Map<String, String> named() {
        return getParameters() == null ? java.util.Map.of() : getParameters().getNamed();
    }

    private java.util.List<String> raw() {
        return getParameters() == null ? java.util.List.of() : getParameters().getRaw();
    }

    @Override
    public void stop() {
        if (runtimes != null) {
            runtimes.closeAll();
        }
    }
}
