package dev.strata.console.backends;

import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import dev.strata.api.management.ObjectNames;
import dev.strata.console.client.BackendRow;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.client.StoreRow;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The installed engines with their bundle and capabilities, the stores each serves (with their live status, so a
 * store going UNAVAILABLE when its engine is removed and back online when it returns shows here), and installing
 * or uninstalling a backend bundle. A runtime without the Backend beans shows "not available", never a crash.
 */
public final class BackendsViewModel {

    private final RuntimeClient client;
    private final Background background;
    private final ObservableList<StoreRow> stores;
    private final Runnable storesChanged;
    private final ObservableList<BackendRow> backends = FXCollections.observableArrayList();
    private final ObjectProperty<BackendRow> selected = new SimpleObjectProperty<>();
    private final BooleanProperty mayInstall = new SimpleBooleanProperty();
    private final BooleanProperty available = new SimpleBooleanProperty(true);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty orphans = new SimpleStringProperty("");

    /**
     * @param stores        the stores list the stores view keeps (for the status of each backend's stores)
     * @param storesChanged refreshes that list, after a bundle came or went
     */
    public BackendsViewModel(RuntimeClient client, Background background, ObservableList<StoreRow> stores,
            Runnable storesChanged) {
        this.client = client;
        this.background = background;
        this.stores = stores;
        this.storesChanged = storesChanged;
        background.run(() -> client.canInvoke(ObjectNames.runtime().toString(), "installBundle"), mayInstall::set,
                f -> mayInstall.set(false));
        stores.addListener((ListChangeListener<StoreRow>) c -> orphans.set(storesWithoutEngine()));
        backends.addListener((ListChangeListener<BackendRow>) c -> orphans.set(storesWithoutEngine()));
    }

    public void refresh(Consumer<String> onFailure) {
        background.run(client::backends, rows -> {
            available.set(true);
            Long keep = selected.get() == null ? null : selected.get().bundleId();
            backends.setAll(rows);
            selected.set(rows.stream().filter(r -> keep != null && r.bundleId() == keep).findFirst().orElse(null));
        }, failure -> {
            if (failure.kind() == ConsoleException.Kind.UNSUPPORTED) {
                available.set(false);
                orphans.set("");
                message.set(Messages.get("backends.unsupported"));
            } else {
                onFailure.accept(failure.getMessage());
            }
        });
        storesChanged.run();
    }

    /** Installs and starts a backend bundle from a jar on this machine (a file chooser or a jar dropped on the window). */
    public void install(File jar) {
        if (jar == null) {
            return;
        }
        if (!jar.getName().endsWith(".jar") || !jar.isFile()) {
            message.set(Messages.get("backends.notAJar", jar.getName()));
            return;
        }
        String location = jar.toURI().toString();
        busy.set(true);
        background.run(() -> client.installBundle(location), id -> {
            busy.set(false);
            message.set(Messages.get("backends.installed", jar.getName(), id));
            refresh(message::set);
        }, failure -> {
            busy.set(false);
            message.set(Messages.get("backends.installFailed", jar.getName(), failure.getMessage()));
        });
    }

    /** The confirmation question before uninstalling: names the stores that will go unavailable. */
    public String uninstallQuestion() {
        BackendRow row = selected.get();
        if (row == null) {
            return "";
        }
        return Messages.get("backends.uninstallQuestion", row.bundle(), row.type(),
                row.stores().isEmpty() ? Messages.get("backends.noStores") : String.join(", ", row.stores()));
    }

    public void uninstall() {
        BackendRow row = selected.get();
        if (row == null) {
            message.set(Messages.get("backends.chooseFirst"));
            return;
        }
        busy.set(true);
        background.run(() -> {
            client.uninstallBundle(row.bundleId());
            return row;
        }, gone -> {
            busy.set(false);
            message.set(Messages.get("backends.uninstalled", gone.bundle(), gone.stores().size()));
            refresh(message::set);
        }, failure -> {
            busy.set(false);
            message.set(Messages.get("backends.uninstallFailed", row.bundle(), failure.getMessage()));
        });
    }

    /** The stores a backend serves with their current status: {@code files (ONLINE), old (UNAVAILABLE)}. */
    public String storesOf(BackendRow row) {
        return row.stores().stream().map(name -> name + stores.stream().filter(s -> s.name().equals(name))
                .findFirst().map(s -> " (" + s.status() + ")").orElse("")).collect(Collectors.joining(", "));
    }

    /**
     * The stores whose engine is not installed (they stay listed, UNAVAILABLE, and come online when it returns), as
     * {@code old (UNAVAILABLE, engine file)}; empty when every store has its engine.
     */
    public String storesWithoutEngine() {
        if (!available.get()) {
            return ""; // the engines are unknown, not missing
        }
        return stores.stream().filter(s -> backends.stream().noneMatch(b -> b.type().equals(s.backend())))
                .map(s -> Messages.get("backends.orphan", s.name(), s.status(), s.backend()))
                .collect(Collectors.joining(", "));
    }

    /** Capabilities in one line: {@code persistent · encryption · compression · native TTL · snapshots}. */
    public static String capabilities(BackendRow row) {
        List<String> parts = new java.util.ArrayList<>();
        parts.add(Messages.get(row.persistent() ? "backends.persistent" : "backends.inMemory"));
        if (row.encryption()) {
            parts.add(Messages.get("backends.encryption"));
        }
        if (row.compression()) {
            parts.add(Messages.get("backends.compression"));
        }
        if (row.nativeTtl()) {
            parts.add(Messages.get("backends.ttl"));
        }
        if (row.nativeSnapshot()) {
            parts.add(Messages.get("backends.snapshot"));
        }
        return String.join(" · ", parts);
    }

    /** Whether files dragged over the window would be taken: the role may install and nothing is installing. */
    public boolean acceptsDrop(List<File> files) {
        return canInstall().get() && !files.isEmpty();
    }

    /**
     * Files dropped on the window: each is installed as {@link #install} does from the file chooser (a file that
     * is not a jar is refused with its name, before any call). Returns whether the drop was taken.
     */
    public boolean dropped(List<File> files) {
        if (!acceptsDrop(files)) {
            return false;
        }
        files.forEach(this::install);
        return true;
    }

    public ObservableList<BackendRow> backends() { return backends; }
    public ObjectProperty<BackendRow> selectedProperty() { return selected; }
    public BooleanProperty mayInstallProperty() { return mayInstall; }
    public BooleanProperty availableProperty() { return available; }
    public StringProperty messageProperty() { return message; }
    /** {@link #storesWithoutEngine()}, kept current as stores and backends change. */
    public StringProperty orphansProperty() { return orphans; }
    public BooleanBinding canInstall() { return Bindings.createBooleanBinding(() -> mayInstall.get() && available.get()
            && !busy.get(), mayInstall, available, busy); }
    public BooleanBinding canUninstall() { return canInstall().and(selected.isNotNull()); }
}
