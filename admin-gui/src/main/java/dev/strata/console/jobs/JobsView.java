package dev.strata.console.jobs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ProgressBarTableCell;

import dev.strata.api.management.JobInfo;
import dev.strata.console.shell.Messages;

/** Binds the job tables and the backup form; a role that may not run jobs sees the buttons disabled. */
public final class JobsView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @FXML private ComboBox<String> store;
    @FXML private CheckBox testRestore;
    @FXML private Button backup;
    @FXML private Button cancel;
    @FXML private Label message;
    @FXML private TableView<JobInfo> active;
    @FXML private TableView<JobInfo> history;
    @FXML private TextField restoreFile;
    @FXML private ComboBox<String> restoreStore;
    @FXML private CheckBox restoreOverwrite;
    @FXML private Button restore;
    @FXML private TextField verifyFile;
    @FXML private Button verify;
    @FXML private ComboBox<String> migrateSource;
    @FXML private ComboBox<String> migrateTarget;
    @FXML private TextField migratePattern;
    @FXML private TextField migrateTransform;
    @FXML private ChoiceBox<JobFormsViewModel.MigrationMode> migrateMode;
    @FXML private Button migrate;
    @FXML private ComboBox<String> archiveStore;
    @FXML private TextField archivePattern;
    @FXML private TextField archiveFrom;
    @FXML private TextField archiveTo;
    @FXML private TextField archiveDestination;
    @FXML private ComboBox<String> archiveCompression;
    @FXML private TextField archiveKeyAlias;
    @FXML private Button archive;
    @FXML private ComboBox<String> engineStore;
    @FXML private ComboBox<String> engineTarget;
    @FXML private TextField engineSettings;
    @FXML private CheckBox engineHold;
    @FXML private TextField engineKeep;
    @FXML private Button engineStart;
    @FXML private Button engineUndo;
    @FXML private Button confirm;

    public void bind(JobsViewModel model, javafx.collections.ObservableList<String> storeNames) {
        store.setItems(storeNames);
        store.valueProperty().bindBidirectional(model.backupStoreProperty());
        testRestore.selectedProperty().bindBidirectional(model.testRestoreProperty());
        backup.disableProperty().bind(model.mayRunJobsProperty().not());
        cancel.disableProperty().bind(model.mayRunJobsProperty().not()
                .or(active.getSelectionModel().selectedItemProperty().isNull()));
        backup.setOnAction(e -> model.submitBackup());
        cancel.setOnAction(e -> model.cancel(active.getSelectionModel().getSelectedItem()));
        // one message line for the backup form and the other forms: the newest message wins
        model.messageProperty().addListener((o, old, text) -> message.setText(text));
        active.setItems(model.active());
        history.setItems(model.history());
        columns(active, true);
        columns(history, false);
    }

    /** The restore, verify, migration and archive forms; their messages share the jobs' message line. */
    public void bindForms(JobFormsViewModel forms, javafx.collections.ObservableList<String> storeNames) {
        for (ComboBox<String> box : java.util.List.of(restoreStore, migrateSource, migrateTarget, archiveStore)) {
            box.setItems(storeNames);
        }
        restoreFile.textProperty().bindBidirectional(forms.restoreFileProperty());
        restoreStore.valueProperty().bindBidirectional(forms.restoreStoreProperty());
        restoreOverwrite.selectedProperty().bindBidirectional(forms.restoreOverwriteProperty());
        verifyFile.textProperty().bindBidirectional(forms.verifyFileProperty());
        migrateSource.valueProperty().bindBidirectional(forms.migrateSourceProperty());
        migrateTarget.valueProperty().bindBidirectional(forms.migrateTargetProperty());
        migratePattern.textProperty().bindBidirectional(forms.migratePatternProperty());
        migrateTransform.textProperty().bindBidirectional(forms.migrateTransformProperty());
        migrateMode.getItems().setAll(JobFormsViewModel.MigrationMode.values());
        migrateMode.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(JobFormsViewModel.MigrationMode mode) {
                return mode == null ? "" : Messages.get("jobs.mode." + mode.name());
            }
            @Override public JobFormsViewModel.MigrationMode fromString(String text) { return null; }
        });
        migrateMode.valueProperty().bindBidirectional(forms.migrateModeProperty());
        archiveStore.valueProperty().bindBidirectional(forms.archiveStoreProperty());
        archivePattern.textProperty().bindBidirectional(forms.archivePatternProperty());
        archiveFrom.textProperty().bindBidirectional(forms.archiveFromProperty());
        archiveTo.textProperty().bindBidirectional(forms.archiveToProperty());
        archiveDestination.textProperty().bindBidirectional(forms.archiveDestinationProperty());
        archiveCompression.getItems().setAll("lz4", "zstd", "deflate", "none");
        archiveCompression.valueProperty().bindBidirectional(forms.archiveCompressionProperty());
        archiveKeyAlias.textProperty().bindBidirectional(forms.archiveKeyAliasProperty());
        for (Button start : java.util.List.of(restore, verify, migrate, archive)) {
            start.disableProperty().bind(forms.mayRunJobsProperty().not());
        }
        restore.setOnAction(e -> forms.submitRestore());
        verify.setOnAction(e -> forms.submitVerify());
        migrate.setOnAction(e -> forms.submitMigrate());
        archive.setOnAction(e -> forms.submitArchive());
        forms.messageProperty().addListener((o, old, text) -> message.setText(text));
    }

    /** The in-place engine migration form, and Confirm for the held one (admin only: disabled for other roles). */
    public void bindEngineMigration(EngineMigrationViewModel engine, javafx.collections.ObservableList<String> storeNames) {
        engineStore.setItems(storeNames);
        engineTarget.setItems(engine.engines());
        engineStore.valueProperty().bindBidirectional(engine.storeProperty());
        engineTarget.valueProperty().bindBidirectional(engine.engineProperty());
        engineSettings.textProperty().bindBidirectional(engine.settingsProperty());
        engineHold.selectedProperty().bindBidirectional(engine.holdProperty());
        engineKeep.textProperty().bindBidirectional(engine.keepMinutesProperty());
        engineStart.disableProperty().bind(engine.mayMigrateProperty().not());
        engineUndo.disableProperty().bind(engine.mayMigrateProperty().not());
        engineStart.setOnAction(e -> engine.submit());
        engineUndo.setOnAction(e -> engine.undo());
        javafx.beans.binding.ObjectBinding<JobInfo> held = javafx.beans.binding.Bindings.createObjectBinding(
                () -> EngineMigrationViewModel.held(active.getItems(), active.getSelectionModel().getSelectedItem()),
                active.getItems(), active.getSelectionModel().selectedItemProperty());
        confirm.disableProperty().bind(engine.mayMigrateProperty().not().or(held.isNull()));
        confirm.setOnAction(e -> engine.confirm(held.get()));
        engine.messageProperty().addListener((o, old, text) -> message.setText(text));
    }

    @SuppressWarnings("deprecation") // CONSTRAINED_RESIZE_POLICY: its replacement is JavaFX 20+ only in name
    private static void columns(TableView<JobInfo> table, boolean running) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<JobInfo, String> id = text("Job", JobInfo::id);
        id.setPrefWidth(150);
        table.getColumns().add(id);
        table.getColumns().add(text("Type", JobInfo::type));
        table.getColumns().add(text("Stores", j -> String.join(", ", j.stores())));
        table.getColumns().add(text("State", j -> j.state().name()));
        table.getColumns().add(text("By", JobInfo::startedBy));
        if (running) {
            TableColumn<JobInfo, Double> progress = new TableColumn<>("Progress");
            progress.setCellValueFactory(c -> new SimpleObjectProperty<>(JobsViewModel.progress(c.getValue())));
            progress.setCellFactory(ProgressBarTableCell.forTableColumn());
            progress.setPrefWidth(160);
            table.getColumns().add(progress);
            table.getColumns().add(text("Rate", j -> String.format("%.1f MB/s", j.bytesPerSecond() / 1e6)));
            table.getColumns().add(text("Left", j -> j.etaMillis() < 0 ? "–" : (j.etaMillis() / 1000) + " s"));
            table.getColumns().add(text("Message", JobInfo::message));
        } else {
            table.getColumns().add(text("Ended", j -> j.endedAt() == 0 ? "" : TIME.format(Instant.ofEpochMilli(j.endedAt()))));
            table.getColumns().add(text("Keys", j -> Long.toString(j.done())));
            TableColumn<JobInfo, String> outcome = text("Result or reason", j -> j.failure().isEmpty() ? j.result() : j.failure());
            outcome.setPrefWidth(700);
            table.getColumns().add(outcome);
        }
    }

    private static TableColumn<JobInfo, String> text(String title, Function<JobInfo, String> value) {
        TableColumn<JobInfo, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        return column;
    }
}
