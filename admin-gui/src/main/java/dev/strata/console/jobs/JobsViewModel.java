package dev.strata.console.jobs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.ObjectNames;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * Running jobs with their progress, the history with results and failure reasons, and the backup form. What the
 * user's role may not do is disabled (asked of the runtime once, when the view model is made), and every job that
 * ends while the console watches raises one notification.
 */
public final class JobsViewModel {

    private final RuntimeClient client;
    private final Background background;
    private final Consumer<String> notifier;
    private final ObservableList<JobInfo> active = FXCollections.observableArrayList();
    private final ObservableList<JobInfo> history = FXCollections.observableArrayList();
    private final ObservableList<String> storeNames = FXCollections.observableArrayList();
    private final StringProperty backupStore = new SimpleStringProperty("");
    private final BooleanProperty testRestore = new SimpleBooleanProperty(true);
    private final BooleanProperty mayRunJobs = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final Set<String> watching = new HashSet<>();

    public JobsViewModel(RuntimeClient client, Background background, Consumer<String> notifier) {
        this.client = client;
        this.background = background;
        this.notifier = notifier;
        background.run(() -> client.canInvoke(ObjectNames.jobs().toString(), "submitBackup"), mayRunJobs::set,
                failure -> mayRunJobs.set(false));
    }

    public void refresh(Consumer<String> onFailure) {
        background.run(() -> new Lists(client.activeJobs(), client.jobHistory(50), client.storeNames()), lists -> {
            for (JobInfo ended : lists.history()) {
                if (watching.remove(ended.id())) {
                    notifier.accept(Messages.get("jobs.ended", ended.type(), ended.id(), ended.state().name(),
                            ended.failure().isEmpty() ? ended.result() : ended.failure()));
                }
            }
            knownStores(lists.stores());
            lists.active().forEach(job -> watching.add(job.id()));
            active.setAll(lists.active());
            history.setAll(lists.history());
        }, failure -> onFailure.accept(failure.getMessage()));
    }

    private record Lists(List<JobInfo> active, List<JobInfo> history, List<String> stores) {
    }

    /**
     * The runtime's stores, for every job form's store box (and the data browser's); read with each refresh of the
     * jobs, so a store defined or removed shows within a second. The backup form starts on the first store rather
     * than an empty box.
     */
    public void knownStores(List<String> names) {
        if (!storeNames.equals(names)) {
            storeNames.setAll(names);
        }
        String chosen = backupStore.get();
        if ((chosen == null || chosen.isBlank()) && !names.isEmpty()) {
            backupStore.set(names.get(0));
        }
    }

    public void submitBackup() {
        String store = backupStore.get() == null ? "" : backupStore.get().trim();
        if (store.isEmpty()) {
            message.set(Messages.get("jobs.chooseStore"));
            return;
        }
        boolean proof = testRestore.get();
        background.run(() -> client.submitBackup(new BackupRequest(store, "", "", "", false, proof)), job -> {
            watching.add(job.id());
            active.add(job);
            message.set(Messages.get("jobs.backupQueued", store, job.id()));
        }, failure -> message.set(failure.getMessage()));
    }

    /** A job submitted elsewhere (the restore, verify, migrate and archive forms): listed, and notified when it ends. */
    public void watch(JobInfo job) {
        watching.add(job.id());
        active.add(job);
    }

    public void cancel(JobInfo job) {
        if (job == null) {
            return;
        }
        background.run(() -> client.cancelJob(job.id()), cancelled -> message.set(Messages.get("jobs.cancelling", cancelled.id())),
                failure -> message.set(failure.getMessage()));
    }

    /** A job's progress for a progress bar: 0 to 1, or -1 (indeterminate) while its size is unknown. */
    public static double progress(JobInfo job) {
        return job.progress();
    }

    /** What the history shows for a job: its result once it succeeded, else why it failed or was cancelled. */
    public static String outcome(JobInfo job) {
        return job.failure().isEmpty() ? job.result() : job.failure();
    }

    /** A job in full, for the detail pane: who, what and when on one line, then its message and its outcome. */
    public static String details(JobInfo job) {
        StringBuilder text = new StringBuilder(Messages.get("jobs.details", job.id(), job.type(),
                String.join(", ", job.stores()), job.state().name(), job.startedBy(), job.done()));
        if (!job.message().isEmpty()) {
            text.append('\n').append(Messages.get("jobs.details.message", job.message()));
        }
        if (!job.result().isEmpty()) {
            text.append('\n').append(Messages.get("jobs.details.result", job.result()));
        }
        if (!job.failure().isEmpty()) {
            text.append('\n').append(Messages.get("jobs.details.failure", job.failure()));
        }
        return text.toString();
    }

    public ObservableList<JobInfo> active() { return active; }
    public ObservableList<JobInfo> history() { return history; }
    /** The runtime's store names, sorted; the same list for every store box of the window. */
    public ObservableList<String> storeNames() { return storeNames; }
    public StringProperty backupStoreProperty() { return backupStore; }
    public BooleanProperty testRestoreProperty() { return testRestore; }
    public BooleanProperty mayRunJobsProperty() { return mayRunJobs; }
    public StringProperty messageProperty() { return message; }
}
