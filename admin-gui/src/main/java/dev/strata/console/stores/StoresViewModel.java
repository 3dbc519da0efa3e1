package dev.strata.console.stores;

import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.api.management.ObjectNames;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.client.StoreRow;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The stores list with status and health, the open/close/checkpoint/compact actions and removal. An action is
 * enabled only when the user's role may invoke it (asked of the runtime once) and the selected store's state
 * allows it: open a store that is not online, close, checkpoint or compact one that is.
 */
public final class StoresViewModel {

    private final RuntimeClient client;
    private final Background background;
    private final ObservableList<StoreRow> stores = FXCollections.observableArrayList();
    private final ObjectProperty<StoreRow> selected = new SimpleObjectProperty<>();
    private final BooleanProperty mayOperate = new SimpleBooleanProperty();
    private final BooleanProperty mayConfigure = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanBinding canOpen;
    private final BooleanBinding canTakeOffline;

    public StoresViewModel(RuntimeClient client, Background background) {
        this.client = client;
        this.background = background;
        String anyStore = ObjectNames.store("any").toString();
        background.run(() -> client.canInvoke(anyStore, "checkpoint"), mayOperate::set, f -> mayOperate.set(false));
        background.run(() -> client.canInvoke(ObjectNames.runtime().toString(), "defineStore"), mayConfigure::set,
                f -> mayConfigure.set(false));
        canOpen = Bindings.createBooleanBinding(() -> mayOperate.get() && !busy.get() && selected.get() != null
                && !selected.get().online(), mayOperate, busy, selected);
        canTakeOffline = Bindings.createBooleanBinding(() -> mayOperate.get() && !busy.get() && selected.get() != null
                && selected.get().online(), mayOperate, busy, selected);
    }

    public void refresh(Consumer<String> onFailure) {
        background.run(client::storeRows, rows -> {
            String keep = selected.get() == null ? null : selected.get().name();
            stores.setAll(rows);
            selected.set(rows.stream().filter(r -> r.name().equals(keep)).findFirst().orElse(null));
        }, failure -> onFailure.accept(failure.getMessage()));
    }

    public void open() { act("open"); }
    public void close() { act("close"); }
    public void checkpoint() { act("checkpoint"); }
    public void compact() { act("compact"); }

    private void act(String action) {
        StoreRow store = selected.get();
        if (store == null) {
            message.set(Messages.get("stores.chooseFirst"));
            return;
        }
        busy.set(true);
        message.set(Messages.get("stores.running", action, store.name()));
        background.run(() -> {
            client.storeAction(store.name(), action);
            return client.storeRows();
        }, rows -> {
            busy.set(false);
            message.set(Messages.get("stores.done", action, store.name()));
            stores.setAll(rows);
            selected.set(rows.stream().filter(r -> r.name().equals(store.name())).findFirst().orElse(null));
        }, failure -> {
            busy.set(false);
            message.set(failed(action, store.name(), failure));
        });
    }

    /** Removes the selected store's definition (the view asks for confirmation first); its data stays on disk. */
    public void remove() {
        StoreRow store = selected.get();
        if (store == null) {
            message.set(Messages.get("stores.chooseFirst"));
            return;
        }
        background.run(() -> {
            client.removeStore(store.name());
            return client.storeRows();
        }, rows -> {
            message.set(Messages.get("stores.removed", store.name()));
            stores.setAll(rows);
            selected.set(null);
        }, failure -> message.set(failed("remove", store.name(), failure)));
    }

    /** A new form for defining a store, or, with {@code edit}, one pre-filled from the selected store. */
    public StoreForm newForm(boolean edit) {
        StoreForm form = new StoreForm(client, background, this::formSaved);
        if (edit && selected.get() != null) {
            form.edit(selected.get().name());
        } else {
            form.create();
        }
        return form;
    }

    private void formSaved(String text) {
        message.set(text);
        refresh(message::set);
    }

    static String failed(String action, String store, ConsoleException failure) {
        if (failure.kind() == ConsoleException.Kind.UNSUPPORTED) {
            return Messages.get("stores.unsupported", action);
        }
        return Messages.get("stores.failed", action, store, failure.getMessage());
    }

    /** The confirmation question before removing. */
    public String removeQuestion() {
        return selected.get() == null ? "" : Messages.get("stores.removeQuestion", selected.get().name());
    }

    public ObservableList<StoreRow> stores() { return stores; }
    public ObjectProperty<StoreRow> selectedProperty() { return selected; }
    public BooleanProperty mayOperateProperty() { return mayOperate; }
    public BooleanProperty mayConfigureProperty() { return mayConfigure; }
    public StringProperty messageProperty() { return message; }
    public BooleanBinding canOpen() { return canOpen; }
    public BooleanBinding canTakeOffline() { return canTakeOffline; }
    public BooleanBinding canEdit() { return mayConfigure.and(selected.isNotNull()); }

}
