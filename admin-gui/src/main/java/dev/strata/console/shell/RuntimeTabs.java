package dev.strata.console.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

import dev.strata.console.client.RuntimeClient;
import dev.strata.console.connect.ConnectView;
import dev.strata.console.connect.ConnectViewModel;
import dev.strata.console.connect.ProfileStore;

/**
 * Several runtimes at once, one tab each: every tab has its own connection (client, user and role, reconnection)
 * and its own views; the last tab, "+", opens a login form in a new tab (with the saved connections to choose
 * from). Only the runtime whose tab is shown polls; closing a tab closes its connection.
 */
public final class RuntimeTabs {

    private final TabPane tabs = new TabPane();
    private final javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(tabs);
    private final Tab add = new Tab(Messages.get("runtimes.plus"));
    private final Map<Tab, MainView> runtimes = new IdentityHashMap<>();
    private final Background background;
    private final ConnectViewModel.Connector connector;
    private final ProfileStore profiles;

    public RuntimeTabs(Background background, ConnectViewModel.Connector connector, ProfileStore profiles,
            ThemeChoice theme) {
        this.background = background;
        this.connector = connector;
        this.profiles = profiles;
        tabs.setId("runtimes");
        add.setId("addRuntime");
        add.setClosable(false);
        add.setTooltip(new Tooltip(Messages.get("runtimes.add")));
        tabs.getTabs().add(add);
        // the window's one theme box, at the right end of the runtime tabs' row (the row is empty there)
        javafx.scene.control.CheckBox dark = new javafx.scene.control.CheckBox(Messages.get("theme.dark"));
        dark.setId("darkTheme");
        dark.setTooltip(new Tooltip(Messages.get("theme.hint")));
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        javafx.scene.layout.StackPane.setAlignment(dark, javafx.geometry.Pos.TOP_RIGHT);
        javafx.scene.layout.StackPane.setMargin(dark, new javafx.geometry.Insets(6, 10, 0, 0));
        root.getChildren().add(dark);
        // the shortcuts, before the focused control sees the key: Ctrl+T here, the rest for the shown runtime
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, key -> {
            if (Shortcuts.CONNECT.match(key)) {
                tabs.getSelectionModel().select(add);
                key.consume();
                return;
            }
            MainView shown = runtimes.get(tabs.getSelectionModel().getSelectedItem());
            if (shown != null && shown.shortcut(key)) {
                key.consume();
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, old, shown) -> {
            if (shown == add) {
                tabs.getSelectionModel().select(connectTab());
            }
            runtimes.forEach((tab, main) -> main.setActive(tab == tabs.getSelectionModel().getSelectedItem()));
        });
    }

    /** The runtime tabs with the theme box over their row's empty right end. */
    public javafx.scene.Parent root() {
        return root;
    }

    /** Shows a connected runtime in a new tab, selected; returns its views (for the start-up options). */
    public MainView add(RuntimeClient client, String address) {
        Tab tab = new Tab();
        tabs.getTabs().add(tabs.getTabs().size() - 1, tab);
        MainView main = show(tab, client, address);
        tabs.getSelectionModel().select(tab);
        return main;
    }

    /** How many runtimes are connected. */
    public int connected() {
        return runtimes.size();
    }

    public void closeAll() {
        runtimes.values().forEach(MainView::close);
        runtimes.clear();
    }

    private MainView show(Tab tab, RuntimeClient client, String address) {
        FXMLLoader loader = new FXMLLoader(RuntimeTabs.class.getResource("/dev/strata/console/shell/MainView.fxml"),
                Messages.bundle());
        MainView main;
        try {
            Parent root = loader.load();
            main = loader.getController();
            main.bind(client, address, background);
            tab.setContent(root);
        } catch (IOException e) {
            client.close();
            throw new UncheckedIOException("cannot show the runtime " + address, e);
        }
        tab.setText(client.user() + "@" + address);
        tab.setTooltip(new Tooltip(Messages.get("runtimes.tab", client.user(), client.role(), address)));
        tab.setOnClosed(e -> {
            MainView closed = runtimes.remove(tab);
            if (closed != null) {
                closed.close();
            }
        });
        runtimes.put(tab, main);
        main.setActive(tabs.getSelectionModel().getSelectedItem() == tab);
        return main;
    }

    /** A tab with a login form; once connected, the same tab shows that runtime. */
    private Tab connectTab() {
        Tab tab = new Tab(Messages.get("runtimes.new"));
        FXMLLoader loader = new FXMLLoader(RuntimeTabs.class.getResource("/dev/strata/console/connect/ConnectView.fxml"),
                Messages.bundle());
        try {
            Parent form = loader.load();
            ConnectViewModel[] model = new ConnectViewModel[1];
            model[0] = new ConnectViewModel(connector, background, connected -> {
                show(tab, connected, model[0].hostProperty().get() + ":" + model[0].portProperty().get());
                tabs.getSelectionModel().select(tab);
            }, profiles);
            ((ConnectView) loader.getController()).bind(model[0]);
            tab.setContent(form);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot show the login form", e);
        }
        tabs.getTabs().add(tabs.getTabs().size() - 1, tab);
        return tab;
    }
}
