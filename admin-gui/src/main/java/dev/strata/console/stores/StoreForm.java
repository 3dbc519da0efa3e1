package dev.strata.console.stores;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.api.management.SettingInfo;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * Defining or editing a store: the form is generated from the runtime's {@code getStoreForm(backend)} (core's
 * settings, then the backend's), so every setting of every backend appears with its type, description, options
 * and whether it is required. Editing pre-fills it from {@code getStoreDefinition} and sends only what changed.
 * Every value is checked before anything is sent; bad input changes nothing.
 */
public final class StoreForm {

    private final RuntimeClient client;
    private final Background background;
    private final Consumer<String> saved;
    private final BooleanProperty editing = new SimpleBooleanProperty();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty backend = new SimpleStringProperty("");
    private final ObservableList<String> backends = FXCollections.observableArrayList();
    private final ObservableList<FormField> fields = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty done = new SimpleBooleanProperty();

    StoreForm(RuntimeClient client, Background background, Consumer<String> saved) {
        this.client = client;
        this.background = background;
        this.saved = saved;
    }

    void create() {
        editing.set(false);
        background.run(client::backendTypes, types -> {
            backends.setAll(types);
            if (!types.isEmpty()) {
                chooseBackend(types.get(0));
            }
        }, this::show);
    }

    void edit(String store) {
        editing.set(true);
        name.set(store);
        background.run(() -> {
            Map<String, String> definition = client.storeDefinition(store);
            String type = definition.getOrDefault("backend", "");
            return new Loaded(type, client.storeForm(type), definition);
        }, loaded -> {
            backends.setAll(List.of(loaded.backend()));
            backend.set(loaded.backend());
            fields.setAll(loaded.settings().stream().filter(StoreForm::editable)
                    .map(s -> new FormField(s, loaded.values().getOrDefault(s.id(), ""))).toList());
        }, this::show);
    }

    private record Loaded(String backend, List<SettingInfo> settings, Map<String, String> values) {
    }

    /** Generates the form of a backend (a new store only: an existing store keeps its backend). */
    public void chooseBackend(String type) {
        if (editing.get() || type == null || type.equals(backend.get()) && !fields.isEmpty()) {
            return;
        }
        backend.set(type);
        background.run(() -> client.storeForm(type), settings -> fields.setAll(settings.stream()
                .filter(StoreForm::editable).map(s -> new FormField(s, s.defaultValue())).toList()), this::show);
    }

    /** The store's name and backend have their own inputs; the rest of the form is its settings. */
    private static boolean editable(SettingInfo setting) {
        return !setting.id().equals("name") && !setting.id().equals("backend");
    }

    /** Every problem of the input, in form order; empty when it may be sent. */
    public List<String> problems() {
        java.util.ArrayList<String> problems = new java.util.ArrayList<>();
        String store = name.get() == null ? "" : name.get().trim();
        if (!store.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add(Messages.get("form.badName"));
        }
        if (backend.get() == null || backend.get().isEmpty()) {
            problems.add(Messages.get("form.noBackend"));
        }
        fields.stream().map(FormField::problem).flatMap(Optional::stream).forEach(problems::add);
        return problems;
    }

    /** Checks the input, then defines the store or sends the changed settings. */
    public void submit() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            message.set(String.join(" ", problems));
            return;
        }
        String store = name.get().trim();
        Map<String, String> settings = new LinkedHashMap<>();
        if (editing.get()) {
            fields.stream().filter(FormField::changed).forEach(f -> settings.put(f.setting().id(), f.value()));
            if (settings.isEmpty()) {
                message.set(Messages.get("form.nothingChanged"));
                return;
            }
        } else {
            fields.stream().filter(f -> !f.value().isEmpty()).forEach(f -> settings.put(f.setting().id(), f.value()));
        }
        busy.set(true);
        boolean change = editing.get();
        String type = backend.get();
        background.run(() -> {
            if (change) {
                client.changeStore(store, settings);
            } else {
                client.defineStore(store, type, settings);
            }
            return store;
        }, ok -> {
            busy.set(false);
            done.set(true);
            saved.accept(Messages.get(change ? "form.changed" : "form.defined", ok, settings.size()));
        }, failure -> {
            busy.set(false);
            show(failure);
        });
    }

    private void show(ConsoleException failure) {
        message.set(failure.kind() == ConsoleException.Kind.UNSUPPORTED
                ? Messages.get("form.unsupported") : failure.getMessage());
    }

    public BooleanProperty editingProperty() { return editing; }
    public StringProperty nameProperty() { return name; }
    public StringProperty backendProperty() { return backend; }
    public ObservableList<String> backends() { return backends; }
    public ObservableList<FormField> fields() { return fields; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    /** Becomes true once the runtime accepted the form (the dialog closes). */
    public BooleanProperty doneProperty() { return done; }
}
