package dev.strata.console.stores;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import javafx.collections.ObservableSet;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.MaintenanceRequest;
import dev.strata.api.management.ObjectNames;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.client.StoreRow;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The stores list with status and health, the open/close/checkpoint/compact actions, verify and removal. An action
 * is enabled only when the user's role may invoke it (asked of the runtime once) and the selected store's state
 * allows it: open a store that is not online, close, checkpoint, compact or verify one that is. Verify is the job
 * service's maintenance job ({@link MaintenanceRequest.Operation#VERIFY}: every key and value read on one snapshot,
 * the engine checking its checksums on the way); it is followed at each refresh until it ends, and its result or
 * the damage it found is shown here.
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
    private final BooleanProperty mayVerify = new SimpleBooleanProperty();
    private final BooleanProperty lastVerifyFailed = new SimpleBooleanProperty();
    /** The verify jobs followed, by job id: the store each verifies. Touched on the UI thread only. */
    private final Map<String, String> verifyJobs = new LinkedHashMap<>();
    private final ObservableSet<String> verifying = FXCollections.observableSet();
    private final Consumer<JobInfo> submitted;
    private final BooleanBinding canOpen;
    private final BooleanBinding canTakeOffline;
    private final BooleanBinding canVerify;

    public StoresViewModel(RuntimeClient client, Background background) {
        this(client, background, job -> { });
    }

    /** @param submitted told of every verify job the runtime accepted (the jobs list watches it to its end) */
    public StoresViewModel(RuntimeClient client, Background background, Consumer<JobInfo> submitted) {
        this.client = client;
        this.background = background;
        this.submitted = submitted;
        String anyStore = ObjectNames.store("any").toString();
        background.run(() -> client.canInvoke(anyStore, "checkpoint"), mayOperate::set, f -> mayOperate.set(false));
        background.run(() -> client.canInvoke(ObjectNames.runtime().toString(), "defineStore"), mayConfigure::set,
                f -> mayConfigure.set(false));
        canOpen = Bindings.createBooleanBinding(() -> mayOperate.get() && !busy.get() && selected.get() != null
                && !selected.get().online(), mayOperate, busy, selected);
        canTakeOffline = Bindings.createBooleanBinding(() -> mayOperate.get() && !busy.get() && selected.get() != null
                && selected.get().online(), mayOperate, busy, selected);
        background.run(() -> client.canInvoke(ObjectNames.jobs().toString(), "submitMaintenance"), mayVerify::set,
                f -> mayVerify.set(false));
        canVerify = Bindings.createBooleanBinding(() -> mayVerify.get() && selected.get() != null
                && selected.get().online() && !verifying.contains(selected.get().name()), mayVerify, selected, verifying);
    }

    public void refresh(Consumer<String> onFailure) {
        background.run(client::storeRows, rows -> {
            String keep = selected.get() == null ? null : selected.get().name();
            stores.setAll(rows);
            selected.set(rows.stream().filter(r -> r.name().equals(keep)).findFirst().orElse(null));
        }, failure -> onFailure.accept(failure.getMessage()));
        followVerifies();
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
        lastVerifyFailed.set(false);
        message.set(Messages.get("stores.running", label(action), store.name()));
        background.run(() -> {
            client.storeAction(store.name(), action);
            return client.storeRows();
        }, rows -> {
            busy.set(false);
            message.set(Messages.get("stores.done", label(action), store.name()));
            stores.setAll(rows);
            selected.set(rows.stream().filter(r -> r.name().equals(store.name())).findFirst().orElse(null));
        }, failure -> {
            busy.set(false);
            message.set(failed(action, store.name(), failure));
        });
    }

    /**
     * Verifies the selected store through the job service; the job is followed at each {@link #refresh} and its
     * result, or the damage it found, replaces the message when it ends.
     */
    public void verify() {
        StoreRow store = selected.get();
        if (store == null) {
            message.set(Messages.get("stores.chooseFirst"));
            return;
        }
        String name = store.name();
        verifying.add(name);
        lastVerifyFailed.set(false);
        background.run(() -> client.submitJob(new MaintenanceRequest(name, MaintenanceRequest.Operation.VERIFY)),
                job -> {
                    verifyJobs.put(job.id(), name);
                    submitted.accept(job);
                    message.set(Messages.get("stores.verifyQueued", name, job.id()));
                }, failure -> {
                    verifying.remove(name);
                    message.set(failed("verify", name, failure));
                });
    }

    /** Asks the runtime how each followed verify job is doing; one that ended says its verdict. */
    private void followVerifies() {
        for (Map.Entry<String, String> followed : List.copyOf(verifyJobs.entrySet())) {
            String id = followed.getKey();
            String store = followed.getValue();
            background.run(() -> client.job(id), job -> {
                if (job.state().isFinal() && verifyJobs.remove(id) != null) {
                    verifying.remove(store);
                    lastVerifyFailed.set(job.state() != JobState.SUCCEEDED);
                    message.set(verdict(store, job));
                }
            }, failure -> {
                if (failure.kind() != ConsoleException.Kind.LOST && verifyJobs.remove(id) != null) {
                    verifying.remove(store); // the job is gone (a restarted runtime): say so, stop asking
                    message.set(failed("verify", store, failure));
                }
            });
        }
    }

    static String verdict(String store, JobInfo job) {
        return switch (job.state()) {
            case SUCCEEDED -> Messages.get("stores.verified", store, job.result());
            case CANCELLED -> Messages.get("stores.verifyCancelled", store, job.failure());
            default -> Messages.get("stores.verifyFailed", store, job.failure());
        };
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
            return Messages.get("stores.unsupported", label(action));
        }
        return Messages.get("stores.failed", label(action), store, failure.getMessage());
    }

    /** An action's name as the messages say it ({@code open}, {@code verify}, ...). */
    private static String label(String action) {
        return Messages.get("stores.action." + action);
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
    /** Whether Verify can run: the role may submit jobs, the selected store is online and not being verified. */
    public BooleanBinding canVerify() { return canVerify; }
    public BooleanProperty mayVerifyProperty() { return mayVerify; }
    /** Whether the last verify that ended found damage (or failed, or was cancelled): the message shows red. */
    public BooleanProperty lastVerifyFailedProperty() { return lastVerifyFailed; }
    public BooleanBinding canEdit() { return mayConfigure.and(selected.isNotNull()); }

}
