package dev.strata.console.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;

import dev.strata.console.audit.AuditView;
import dev.strata.console.audit.AuditViewModel;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.dashboard.DashboardView;
import dev.strata.console.dashboard.DashboardViewModel;
import dev.strata.console.dashboard.StoreTile;
import dev.strata.console.jobs.EngineMigrationViewModel;
import dev.strata.console.jobs.JobFormsViewModel;
import dev.strata.console.jobs.JobsView;
import dev.strata.console.jobs.JobsViewModel;
import dev.strata.console.backends.BackendsView;
import dev.strata.console.backends.BackendsViewModel;
import dev.strata.console.browser.BrowserView;
import dev.strata.console.browser.BrowserViewModel;
import dev.strata.console.stores.StoresView;
import dev.strata.console.stores.StoresViewModel;

/**
 * The connected window: a tab per feature and a status bar with who is connected, the role, and the last refresh
 * (or why it failed). Once a second only the visible tab refreshes: hidden tabs cost the runtime nothing; a
 * hidden runtime tab ({@link RuntimeTabs}) does not refresh at all.
 */
public final class MainView {

    /**
     * Under this key of the runtime view's root node properties, the drop handler itself (a
     * {@code Predicate<List<File>>}: the files dropped, whether they were taken): a test cannot make a drag
     * gesture's Dragboard headless, so the test against a real runtime drops its jar through this.
     */
    public static final String DROP_FILES = "strata.dropFiles";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @FXML private javafx.scene.layout.BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Tab dashboardTab;
    @FXML private Tab storesTab;
    @FXML private Tab backendsTab;
    @FXML private Tab browserTab;
    @FXML private Tab jobsTab;
    @FXML private Tab auditTab;
    @FXML private StatusBar status;

    private Ticker timer;
    private DashboardViewModel dashboardModel;
    private JobsViewModel jobsModel;
    private RuntimeClient client;
    private StoresView storesView;
    private Runnable refreshAll = () -> { };

    public void bind(RuntimeClient client, String address, Background background) {
        this.client = client;
        Consumer<String> notify = text -> Notifications.create().title(Messages.get("notify.title")).text(text).owner(tabs)
                .hideAfter(Duration.seconds(8)).showInformation();
        String who = Messages.get("status.who", client.user(), client.role(), address);
        status.setText(Messages.get("status.connected", who));
        Consumer<String> failed = message -> status.setText(Messages.get("status.failed", message, who));
        DashboardViewModel dashboard = new DashboardViewModel(client, background, notify);
        dashboardModel = dashboard;
        JobsViewModel jobs = new JobsViewModel(client, background, notify);
        jobsModel = jobs;
        AuditViewModel audit = new AuditViewModel(client, background);
        DashboardView dashboardView = load("/dev/strata/console/dashboard/DashboardView.fxml", dashboardTab);
        dashboardView.bind(dashboard);
        JobsView jobsView = load("/dev/strata/console/jobs/JobsView.fxml", jobsTab);
        // one list of store names for every store box: read with the jobs (each second while Jobs is shown) and
        // taken from the dashboard's tiles while that is shown, so a defined or removed store shows in both
        ObservableList<String> storeNames = jobs.storeNames();
        dashboard.tiles().addListener((javafx.collections.ListChangeListener<StoreTile>) c ->
                jobs.knownStores(dashboard.tiles().stream().map(StoreTile::name).toList()));
        jobsView.bind(jobs, storeNames);
        jobsView.bindForms(new JobFormsViewModel(client, background, jobs::watch), storeNames);
        jobsView.bindEngineMigration(new EngineMigrationViewModel(client, background, jobs::watch), storeNames);
        StoresViewModel stores = new StoresViewModel(client, background, jobs::watch);
        storesView = load("/dev/strata/console/stores/StoresView.fxml", storesTab);
        storesView.bind(stores);
        BackendsViewModel backends = new BackendsViewModel(client, background, stores.stores(),
                () -> stores.refresh(failed));
        BackendsView backendsView = load("/dev/strata/console/backends/BackendsView.fxml", backendsTab);
        backendsView.bind(backends);
        // a backend jar dropped anywhere on this runtime's window is installed; Backends then shows how it went
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && backends.acceptsDrop(e.getDragboard().getFiles())) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        java.util.function.Predicate<java.util.List<java.io.File>> dropJars = files -> {
            boolean taken = backends.dropped(files);
            if (taken) {
                tabs.getSelectionModel().select(backendsTab);
            }
            return taken;
        };
        root.setOnDragDropped(e -> {
            e.setDropCompleted(e.getDragboard().hasFiles() && dropJars.test(e.getDragboard().getFiles()));
            e.consume();
        });
        root.getProperties().put(DROP_FILES, dropJars);
        BrowserView browserView = load("/dev/strata/console/browser/BrowserView.fxml", browserTab);
        browserView.bind(new BrowserViewModel(client, background), storeNames);
        AuditView auditView = load("/dev/strata/console/audit/AuditView.fxml", auditTab);
        auditView.bind(audit);

        Runnable ok = () -> status.setText(Messages.get("status.refreshed", who, LocalTime.now().format(CLOCK)));
        timer = new Ticker(() -> {
            Tab shown = tabs.getSelectionModel().getSelectedItem();
            if (shown == dashboardTab || storeNames.isEmpty()) {
                dashboard.refresh(failed);
            }
            if (shown == storesTab) {
                stores.refresh(failed);
            }
            if (shown == backendsTab) {
                backends.refresh(failed);
            }
            if (shown == jobsTab) {
                jobs.refresh(failed);
            } else if (shown == auditTab) {
                audit.refresh(failed);
            }
            ok.run();
        });
        timer.play();
        refreshAll = () -> {
            dashboard.refresh(failed);
            stores.refresh(failed);
            jobs.refresh(failed);
            audit.refresh(failed);
            backends.refresh(failed);
        };
        refreshAll.run();
        // each view's tab names its shortcut (in the platform's words: Ctrl+2 here, ⌘2 on macOS)
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            tabs.getTabs().get(i).setTooltip(new javafx.scene.control.Tooltip(Messages.get("tab.shortcut",
                    Shortcuts.view(i + 1).getDisplayText(), Shortcuts.REFRESH_KEY.getDisplayText(),
                    Shortcuts.REFRESH.getDisplayText())));
        }
    }

    /**
     * A key press of the shown runtime's window ({@link Shortcuts}): Ctrl+1 .. Ctrl+6 show that view, F5 or Ctrl+R
     * refreshes every view now (the shown one refreshes each second by itself), Ctrl+N opens the store form when the
     * role may define stores. Whether the key was one of them.
     */
    public boolean shortcut(javafx.scene.input.KeyEvent key) {
        int view = Shortcuts.view(key);
        if (view > 0 && view <= tabs.getTabs().size()) {
            tabs.getSelectionModel().select(view - 1);
            return true;
        }
        if (Shortcuts.refresh(key)) {
            refreshAll.run();
            return true;
        }
        if (Shortcuts.NEW_STORE.match(key)) {
            tabs.getSelectionModel().select(storesTab);
            storesView.defineStore();
            return true;
        }
        return false;
    }

    /** Opens a tab ({@code dashboard}, {@code jobs}, {@code audit}) and selects a store, when given. */
    public void show(String tab, String store) {
        if (store != null) {
            dashboardModel.selectedProperty().set(store);
            jobsModel.backupStoreProperty().set(store);
        }
        if ("jobs".equals(tab)) {
            tabs.getSelectionModel().select(jobsTab);
        } else if ("stores".equals(tab)) {
            tabs.getSelectionModel().select(storesTab);
        } else if ("backends".equals(tab)) {
            tabs.getSelectionModel().select(backendsTab);
        } else if ("data".equals(tab)) {
            tabs.getSelectionModel().select(browserTab);
        } else if ("audit".equals(tab)) {
            tabs.getSelectionModel().select(auditTab);
        }
    }

    /** Polls while this runtime's tab is shown; a hidden runtime costs its runtime nothing. */
    public void setActive(boolean active) {
        if (timer == null) {
            return;
        }
        if (active) {
            timer.play();
        } else {
            timer.pause();
        }
    }

    /** Stops polling and closes this runtime's connection (its tab was closed, or the window). */
    public void close() {
        if (timer != null) {
            timer.pause();
        }
        if (client != null) {
            client.close();
        }
    }

    private static <T> T load(String fxml, Tab tab) {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource(fxml), Messages.bundle());
        try {
            Parent root = loader.load();
            tab.setContent(root);
            return loader.getController();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}
