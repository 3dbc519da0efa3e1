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
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
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
    @FXML private TextArea detail;
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
        keepSelectedJob(active, model.active());
        keepSelectedJob(history, model.history());
        columns(active, true);
        columns(history, false);
        // the job selected in either table, in full: its message, result or failure can be longer than a column
        active.getSelectionModel().selectedItemProperty().addListener((o, old, job) -> {
            if (job != null) {
                history.getSelectionModel().clearSelection();
            }
        });
        history.getSelectionModel().selectedItemProperty().addListener((o, old, job) -> {
            if (job != null) {
                active.getSelectionModel().clearSelection();
            }
        });
        javafx.beans.binding.StringBinding shown = javafx.beans.binding.Bindings.createStringBinding(() -> {
            JobInfo job = active.getSelectionModel().getSelectedItem() != null
                    ? active.getSelectionModel().getSelectedItem() : history.getSelectionModel().getSelectedItem();
            return job == null ? "" : JobsViewModel.details(job);
        }, active.getSelectionModel().selectedItemProperty(), history.getSelectionModel().selectedItemProperty());
        detail.textProperty().bind(shown);
        detail.setPromptText(Messages.get("jobs.detail"));
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

    /**
     * Columns sized to their content: the id, type, state and time columns never narrower than their longest value
     * ({@code CANCELLED}, {@code migrate-engine}, a job id), measured in the table's font; the text columns take
     * what is left, and a cut message is whole in its tooltip and in the detail pane below the tables.
     */
    @SuppressWarnings("deprecation") // CONSTRAINED_RESIZE_POLICY: its replacement is JavaFX 20+ only in name
    private static void columns(TableView<JobInfo> table, boolean running) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(fitted(text("jobs.col.id", JobInfo::id), "20261201-175053-002"));
        table.getColumns().add(fitted(text("jobs.col.type", JobInfo::type), "migrate-engine"));
        table.getColumns().add(fitted(text("jobs.col.stores", j -> String.join(", ", j.stores())), "files, xodus"));
        table.getColumns().add(fitted(text("jobs.col.state", j -> j.state().name()), states()));
        table.getColumns().add(fitted(text("jobs.col.by", JobInfo::startedBy), "schedule"));
        if (running) {
            TableColumn<JobInfo, Double> progress = new TableColumn<>(Messages.get("jobs.col.progress"));
            progress.setCellValueFactory(c -> new SimpleObjectProperty<>(JobsViewModel.progress(c.getValue())));
            progress.setCellFactory(ProgressBarTableCell.forTableColumn());
            progress.setMinWidth(120);
            progress.setPrefWidth(140);
            table.getColumns().add(progress);
            table.getColumns().add(fitted(text("jobs.col.rate", j -> Messages.get("jobs.rate", j.bytesPerSecond() / 1e6)),
                    Messages.get("jobs.rate", 100.0)));
            table.getColumns().add(fitted(text("jobs.col.left", j -> j.etaMillis() < 0
                    ? Messages.get("jobs.unknownLeft") : Messages.get("jobs.left", j.etaMillis() / 1000)),
                    Messages.get("jobs.left", 10000)));
            TableColumn<JobInfo, String> message = text("jobs.col.message", JobInfo::message);
            message.setPrefWidth(420);
            table.getColumns().add(message);
        } else {
            table.getColumns().add(fitted(text("jobs.col.ended",
                    j -> j.endedAt() == 0 ? "" : TIME.format(Instant.ofEpochMilli(j.endedAt()))), "00:00:00"));
            table.getColumns().add(fitted(text("jobs.col.keys", j -> Long.toString(j.done())), "10000000"));
            TableColumn<JobInfo, String> outcome = text("jobs.col.outcome", JobsViewModel::outcome);
            outcome.setPrefWidth(520);
            table.getColumns().add(outcome);
        }
    }

    /**
     * Shows the list and keeps its selected job selected across refreshes: the list is refilled every second and a
     * running job's record changes each time (its progress), which would otherwise drop the selection that Cancel,
     * Confirm and the detail pane need. The first listener runs before the table's own (it was added before the
     * table saw the list) and notes the selected id; the second selects that job again in the new content.
     */
    private static void keepSelectedJob(TableView<JobInfo> table, javafx.collections.ObservableList<JobInfo> jobs) {
        String[] chosen = {null};
        jobs.addListener((javafx.collections.ListChangeListener<JobInfo>) c -> {
            JobInfo selected = table.getSelectionModel().getSelectedItem();
            chosen[0] = selected == null ? null : selected.id();
        });
        table.setItems(jobs);
        jobs.addListener((javafx.collections.ListChangeListener<JobInfo>) c -> {
            if (chosen[0] == null || table.getSelectionModel().getSelectedItem() != null
                    && table.getSelectionModel().getSelectedItem().id().equals(chosen[0])) {
                return;
            }
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).id().equals(chosen[0])) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        });
    }

    private static String[] states() {
        return java.util.Arrays.stream(dev.strata.api.management.JobState.values()).map(Enum::name)
                .toArray(String[]::new);
    }

    /** Never narrower than its title or its widest sample value, measured as the table's cells draw them. */
    private static <T> TableColumn<JobInfo, T> fitted(TableColumn<JobInfo, T> column, String... samples) {
        double widest = width(column.getText(), true);
        for (String sample : samples) {
            widest = Math.max(widest, width(sample, false));
        }
        column.setMinWidth(Math.ceil(widest) + 22); // the cell's padding and the column's borders
        column.setPrefWidth(column.getMinWidth());
        return column;
    }

    private static double width(String text, boolean header) {
        javafx.scene.text.Text shape = new javafx.scene.text.Text(text);
        javafx.scene.text.Font font = javafx.scene.text.Font.getDefault();
        shape.setFont(header ? javafx.scene.text.Font.font(font.getFamily(), javafx.scene.text.FontWeight.BOLD,
                font.getSize()) : font);
        return shape.getLayoutBounds().getWidth();
    }

    /** A text column whose cells show their whole text as a tooltip when the column is too narrow for it. */
    private static TableColumn<JobInfo, String> text(String titleKey, Function<JobInfo, String> value) {
        TableColumn<JobInfo, String> column = new TableColumn<>(Messages.get(titleKey));
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip whole = new Tooltip();

            {
                whole.setWrapText(true);
                whole.setMaxWidth(640);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                whole.setText(text);
                setTooltip(empty || text == null || text.isEmpty() ? null : whole);
            }
        });
        return column;
    }
}
