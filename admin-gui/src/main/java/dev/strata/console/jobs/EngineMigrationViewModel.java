package dev.strata.console.jobs;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.api.StorageException;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.ObjectNames;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Messages;
import dev.strata.console.shell.Background;

/**
 * The in-place engine migration form ({@code JobsMXBean.submitEngineMigration}): a store, the engine to move it to
 * (from the runtime's installed backends), the new definition's settings as {@code key=value} pairs, hold before the
 * switch, and how long the old files are kept for an undo; Confirm for a held migration and Undo of a store's last
 * switch. The form's own checks (settings that are not {@code key=value}, minutes that are not a number) and the
 * request record's (names, settings the migration chooses itself) refuse bad input before any call. Everything here
 * redefines a store, so it needs role {@code admin}: other roles see it disabled.
 */
public final class EngineMigrationViewModel {

    /** The job type of an engine migration, as {@link EngineMigrationRequest#type()} names it. */
    static final String TYPE = "migrate-engine";

    private final RuntimeClient client;
    private final Background background;
    private final Consumer<JobInfo> submitted;
    private final BooleanProperty mayMigrate = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<String> engines = FXCollections.observableArrayList();
    private final StringProperty store = new SimpleStringProperty("");
    private final StringProperty engine = new SimpleStringProperty("");
    private final StringProperty settings = new SimpleStringProperty("");
    private final BooleanProperty hold = new SimpleBooleanProperty(true);
    private final StringProperty keepMinutes = new SimpleStringProperty("");

    public EngineMigrationViewModel(RuntimeClient client, Background background, Consumer<JobInfo> submitted) {
        this.client = client;
        this.background = background;
        this.submitted = submitted;
        background.run(() -> client.canInvoke(ObjectNames.jobs().toString(), "submitEngineMigration"),
                mayMigrate::set, f -> mayMigrate.set(false));
        background.run(client::backendTypes, engines::setAll, f -> message.set(f.getMessage()));
    }

    public void submit() {
        submit(() -> new EngineMigrationRequest(text(store), text(engine), settings(text(settings)), hold.get(),
                minutes(text(keepMinutes)), false));
    }

    /** Switches the chosen store back to the definition it had before its last switch. */
    public void undo() {
        submit(() -> EngineMigrationRequest.undoLast(text(store)));
    }

    /** Lets a held migration freeze its store and switch. */
    public void confirm(JobInfo job) {
        if (!awaitsConfirmation(job)) {
            message.set(Messages.get("engine.notHeld"));
            return;
        }
        background.run(() -> client.confirmJob(job.id()), confirmed -> message.set(Messages.get("engine.confirmed",
                confirmed.id(), confirmed.store())), failure -> message.set(failure.getMessage()));
    }

    /** The job Confirm acts on: the selected one when it is held, else the first held one listed; or null. */
    public static JobInfo held(java.util.List<JobInfo> active, JobInfo selected) {
        if (awaitsConfirmation(selected)) {
            return selected;
        }
        return active.stream().filter(EngineMigrationViewModel::awaitsConfirmation).findFirst().orElse(null);
    }

    /**
     * Whether a job is an engine migration holding before its switch: running, and its message says it waits. The
     * job service words it "caught up; waiting for ... confirm" between its catch-up rounds and "holding" during
     * one (a held job alternates between the two). The runtime still decides: a job that stopped waiting meanwhile
     * is refused there with its reason.
     */
    public static boolean awaitsConfirmation(JobInfo job) {
        return job != null && TYPE.equals(job.type()) && job.state() == JobState.RUNNING
                && (job.message().contains("waiting for") || job.message().startsWith("holding"));
    }

    private void submit(Supplier<EngineMigrationRequest> form) {
        EngineMigrationRequest request;
        try {
            request = form.get();
        } catch (StorageException | IllegalArgumentException e) {
            message.set(Messages.get("jobs.refused", e.getMessage()));
            return;
        }
        background.run(() -> client.submitJob(request), job -> {
            submitted.accept(job);
            message.set(Messages.get(request.undo() ? "engine.undoQueued" : "engine.queued", request.store(),
                    request.backend(), job.id()));
        }, (ConsoleException failure) -> message.set(failure.kind() == ConsoleException.Kind.UNSUPPORTED
                ? Messages.get("jobs.unsupported", request.type()) : failure.getMessage()));
    }

    /** {@code key=value} pairs separated by commas or new lines; a blank field is no settings. */
    static Map<String, String> settings(String text) {
        Map<String, String> pairs = new TreeMap<>();
        for (String pair : text.split("[,\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(Messages.get("engine.badSetting", pair.trim()));
            }
            pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return pairs;
    }

    private static long minutes(String text) {
        if (text.isEmpty()) {
            return 0; // the job service's default
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.get("engine.badMinutes", text));
        }
    }

    private static String text(StringProperty property) {
        return property.get() == null ? "" : property.get().trim();
    }

    public BooleanProperty mayMigrateProperty() { return mayMigrate; }
    public StringProperty messageProperty() { return message; }
    public ObservableList<String> engines() { return engines; }
    public StringProperty storeProperty() { return store; }
    public StringProperty engineProperty() { return engine; }
    public StringProperty settingsProperty() { return settings; }
    public BooleanProperty holdProperty() { return hold; }
    public StringProperty keepMinutesProperty() { return keepMinutes; }
}
