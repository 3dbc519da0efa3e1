package dev.strata.console.stores;

import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import dev.strata.console.client.StoreRow;
import dev.strata.console.shell.Messages;

/** Binds the stores table, its action buttons (enabled by role and state) and the define/edit form. */
public final class StoresView {

    @FXML private Button open;
    @FXML private Button close;
    @FXML private Button checkpoint;
    @FXML private Button compact;
    @FXML private Button verify;
    @FXML private Button define;
    @FXML private Button edit;
    @FXML private Button remove;
    @FXML private Label message;
    @FXML private TableView<StoreRow> table;

    @SuppressWarnings("deprecation") // CONSTRAINED_RESIZE_POLICY: its replacement is JavaFX 20+ only in name
    public void bind(StoresViewModel model) {
        table.setItems(model.stores());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("stores.name", StoreRow::name, 140));
        table.getColumns().add(column("stores.backend", StoreRow::backend, 90));
        table.getColumns().add(marked(column("stores.status", StoreRow::status, 110)));
        table.getColumns().add(marked(column("stores.health", StoreRow::health, 100)));
        table.getColumns().add(column("stores.reason", r -> r.healthReason().isEmpty() ? r.message() : r.healthReason(), 560));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> model.selectedProperty().set(row));
        model.selectedProperty().addListener((o, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
            }
        });
        open.disableProperty().bind(model.canOpen().not());
        close.disableProperty().bind(model.canTakeOffline().not());
        checkpoint.disableProperty().bind(model.canTakeOffline().not());
        compact.disableProperty().bind(model.canTakeOffline().not());
        verify.disableProperty().bind(model.canVerify().not());
        define.disableProperty().bind(model.mayConfigureProperty().not());
        edit.disableProperty().bind(model.canEdit().not());
        remove.disableProperty().bind(model.canEdit().not());
        open.setOnAction(e -> model.open());
        close.setOnAction(e -> model.close());
        checkpoint.setOnAction(e -> model.checkpoint());
        compact.setOnAction(e -> model.compact());
        verify.setOnAction(e -> model.verify());
        define.setOnAction(e -> StoreFormDialog.show(table, model.newForm(false)));
        edit.setOnAction(e -> StoreFormDialog.show(table, model.newForm(true)));
        remove.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, model.removeQuestion(), ButtonType.OK, ButtonType.CANCEL);
            confirm.initOwner(table.getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.remove());
        });
        message.textProperty().bind(model.messageProperty());
        model.lastVerifyFailedProperty().addListener((o, was, bad) -> {
            message.getStyleClass().remove("state-bad");
            if (bad) {
                message.getStyleClass().add("state-bad");
            }
        });
    }

    /** Opens the form that defines a store, as the Define button does (nothing when the role may not). */
    public void defineStore() {
        if (!define.isDisabled()) {
            define.fire();
        }
    }

    static TableColumn<StoreRow, String> column(String title, Function<StoreRow, String> value, double width) {
        TableColumn<StoreRow, String> column = new TableColumn<>(Messages.get(title));
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Colours a status or health cell: green when all is well, amber when degraded, red when down. */
    private static TableColumn<StoreRow, String> marked(TableColumn<StoreRow, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("state-good", "state-warn", "state-bad");
                if (!empty && item != null) {
                    getStyleClass().add(switch (item) {
                        case "ONLINE", "HEALTHY", "ACTIVE" -> "state-good";
                        case "READ_ONLY", "OPENING", "DEGRADED" -> "state-warn";
                        default -> "state-bad";
                    });
                }
            }
        });
        return column;
    }
}
