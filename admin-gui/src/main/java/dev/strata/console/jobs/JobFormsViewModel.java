package dev.strata.console.jobs;

import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import dev.strata.api.StorageException;
import dev.strata.api.management.ArchiveRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobRequest;
import dev.strata.api.management.MigrateRequest;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.RestoreRequest;
import dev.strata.api.management.VerifyRequest;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The restore, verify, migration and archive forms beside the backup form. Each request record checks its own input
 * (names, patterns, an inverted range, sync with move) when it is made, so bad input is refused with the record's
 * message before any call; an accepted job is handed to the jobs list, which notifies when it ends.
 */
public final class JobFormsViewModel {

    /** How a migration treats the source. */
    public enum MigrationMode { COPY, MOVE, SYNC }

    private final RuntimeClient client;
    private final Background background;
    private final Consumer<JobInfo> submitted;
    private final BooleanProperty mayRunJobs = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");

    private final StringProperty restoreFile = new SimpleStringProperty("");
    private final StringProperty restoreStore = new SimpleStringProperty("");
    private final BooleanProperty restoreOverwrite = new SimpleBooleanProperty();
    private final StringProperty verifyFile = new SimpleStringProperty("");
    private final StringProperty migrateSource = new SimpleStringProperty("");
    private final StringProperty migrateTarget = new SimpleStringProperty("");
    private final StringProperty migratePattern = new SimpleStringProperty("*");
    private final StringProperty migrateTransform = new SimpleStringProperty("");
    private final ObjectProperty<MigrationMode> migrateMode = new SimpleObjectProperty<>(MigrationMode.COPY);
    private final StringProperty archiveStore = new SimpleStringProperty("");
    private final StringProperty archivePattern = new SimpleStringProperty("*");
    private final StringProperty archiveFrom = new SimpleStringProperty("");
    private final StringProperty archiveTo = new SimpleStringProperty("");
    private final StringProperty archiveDestination = new SimpleStringProperty("");
    private final StringProperty archiveCompression = new SimpleStringProperty("");
    private final StringProperty archiveKeyAlias = new SimpleStringProperty("");

    /** @param submitted told of every job the runtime accepted (the jobs list watches it to its end) */
    public JobFormsViewModel(RuntimeClient client, Background background, Consumer<JobInfo> submitted) {
        this.client = client;
        this.background = background;
        this.submitted = submitted;
        background.run(() -> client.canInvoke(ObjectNames.jobs().toString(), "submitMigrate"), mayRunJobs::set,
                f -> mayRunJobs.set(false));
    }

    public void submitRestore() {
        submit(() -> new RestoreRequest(restoreFile.get(), restoreStore.get(), restoreOverwrite.get()));
    }

    public void submitVerify() {
        submit(() -> new VerifyRequest(verifyFile.get()));
    }

    public void submitMigrate() {
        MigrationMode mode = migrateMode.get();
        submit(() -> new MigrateRequest(migrateSource.get(), migrateTarget.get(), migratePattern.get(),
                mode == MigrationMode.MOVE, migrateTransform.get(), mode == MigrationMode.SYNC));
    }

    public void submitArchive() {
        submit(() -> new ArchiveRequest(archiveStore.get(), archivePattern.get(), archiveFrom.get(), archiveTo.get(),
                archiveDestination.get(), archiveCompression.get(), archiveKeyAlias.get()));
    }

    private void submit(Supplier<JobRequest> form) {
        JobRequest request;
        try {
            request = form.get();
        } catch (StorageException | IllegalArgumentException e) {
            message.set(Messages.get("jobs.refused", e.getMessage()));
            return;
        }
        background.run(() -> client.submitJob(request), job -> {
            submitted.accept(job);
            message.set(Messages.get("jobs.queued", request.type(), String.join(" → ", request.stores()), job.id()));
        }, (ConsoleException failure) -> message.set(failure.kind() == ConsoleException.Kind.UNSUPPORTED
                ? Messages.get("jobs.unsupported", request.type()) : failure.getMessage()));
    }

    public BooleanProperty mayRunJobsProperty() { return mayRunJobs; }
    public StringProperty messageProperty() { return message; }
    public StringProperty restoreFileProperty() { return restoreFile; }
    public StringProperty restoreStoreProperty() { return restoreStore; }
    public BooleanProperty restoreOverwriteProperty() { return restoreOverwrite; }
    public StringProperty verifyFileProperty() { return verifyFile; }
    public StringProperty migrateSourceProperty() { return migrateSource; }
    public StringProperty migrateTargetProperty() { return migrateTarget; }
    public StringProperty migratePatternProperty() { return migratePattern; }
    public StringProperty migrateTransformProperty() { return migrateTransform; }
    public ObjectProperty<MigrationMode> migrateModeProperty() { return migrateMode; }
    public StringProperty archiveStoreProperty() { return archiveStore; }
    public StringProperty archivePatternProperty() { return archivePattern; }
    public StringProperty archiveFromProperty() { return archiveFrom; }
    public StringProperty archiveToProperty() { return archiveTo; }
    public StringProperty archiveDestinationProperty() { return archiveDestination; }
    public StringProperty archiveCompressionProperty() { return archiveCompression; }
    public StringProperty archiveKeyAliasProperty() { return archiveKeyAlias; }
}
