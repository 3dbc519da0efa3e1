package dev.strata.console.browser;

import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

import dev.strata.api.management.KeyEntry;
import dev.strata.console.browser.ValueFormats.Format;
import dev.strata.console.shell.Messages;

/** Binds the data browser: store and pattern, the key page with Previous/Next, the value pane and the edit box. */
public final class BrowserView {

    @FXML private VBox root;
    @FXML private ComboBox<String> store;
    @FXML private TextField pattern;
    @FXML private Button search;
    @FXML private Button previous;
    @FXML private Button next;
    @FXML private Label message;
    @FXML private TableView<KeyEntry> keys;
    @FXML private ToggleGroup formats;
    @FXML private RadioButton asText;
    @FXML private RadioButton asJson;
    @FXML private RadioButton asHex;
    @FXML private TextArea shown;
    @FXML private TextField editKey;
    @FXML private TextArea editText;
    @FXML private Button save;
    @FXML private Button delete;
    @FXML private Label roleHint;

    @SuppressWarnings("deprecation") // CONSTRAINED_RESIZE_POLICY: its replacement is JavaFX 20+ only in name
    public void bind(BrowserViewModel model, ObservableList<String> storeNames) {
        store.setItems(storeNames);
        store.valueProperty().bindBidirectional(model.storeProperty());
        store.valueProperty().addListener((o, old, now) -> model.search());
        pattern.textProperty().bindBidirectional(model.patternProperty());
        search.setOnAction(e -> model.search());
        previous.setOnAction(e -> model.previousPage());
        next.setOnAction(e -> model.nextPage());
        previous.disableProperty().bind(model.hasPrevious().not());
        next.disableProperty().bind(model.hasNext().not());
        message.textProperty().bind(model.messageProperty());
        keys.setItems(model.page());
        Label empty = new Label();
        empty.setWrapText(true);
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(model.availableProperty())
                .then(Messages.get("browser.empty")).otherwise(Messages.get("browser.unsupportedShort")));
        keys.setPlaceholder(empty);
        keys.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        keys.getColumns().add(column("browser.key", KeyEntry::key, 220));
        keys.getColumns().add(column("browser.size", e -> Integer.toString(e.valueSize()), 60));
        keys.getColumns().add(column("browser.preview", KeyEntry::preview, 260));
        keys.getSelectionModel().selectedItemProperty().addListener((o, old, entry) -> model.select(entry));
        asText.setUserData(Format.TEXT);
        asJson.setUserData(Format.JSON);
        asHex.setUserData(Format.HEX);
        formats.selectedToggleProperty().addListener((o, old, toggle) -> {
            if (toggle != null) {
                model.formatProperty().set((Format) toggle.getUserData());
            }
        });
        shown.textProperty().bind(model.shownProperty());
        editKey.textProperty().bindBidirectional(model.editKeyProperty());
        editText.textProperty().bindBidirectional(model.editTextProperty());
        editKey.disableProperty().bind(model.mayEditProperty().not());
        editText.disableProperty().bind(model.mayEditProperty().not());
        save.disableProperty().bind(model.mayEditProperty().not());
        delete.disableProperty().bind(model.canDelete().not());
        roleHint.visibleProperty().bind(model.mayEditProperty().not().and(model.availableProperty()));
        save.setOnAction(e -> confirm(model.saveQuestion(), model::save));
        delete.setOnAction(e -> confirm(model.deleteQuestion(), model::delete));
    }

    private void confirm(String question, Runnable action) {
        if (question.isEmpty()) {
            return; // refused: the view model said why
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(root.getScene().getWindow());
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> action.run());
    }

    private static TableColumn<KeyEntry, String> column(String title, Function<KeyEntry, String> value, double width) {
        TableColumn<KeyEntry, String> column = new TableColumn<>(Messages.get(title));
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
