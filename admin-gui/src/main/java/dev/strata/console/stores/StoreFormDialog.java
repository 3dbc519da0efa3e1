package dev.strata.console.stores;

import java.util.List;
import java.util.Optional;

import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;

import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;

import dev.strata.console.shell.Messages;

/**
 * The define/edit store window: name and engine on top, then a ControlsFX {@link PropertySheet} of every setting
 * the runtime's metatype describes, grouped by where it comes from (core's store settings, the backend's own).
 * Choices are choice boxes, booleans check boxes, secrets password fields; the form checks everything before it
 * sends and keeps the window open with the reasons when something is wrong.
 */
final class StoreFormDialog {

    private StoreFormDialog() {
    }

    static void show(Node owner, StoreForm form) {
        Stage stage = new Stage();
        stage.initOwner(owner.getScene().getWindow());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(Messages.get(form.editingProperty().get() ? "form.editTitle" : "form.defineTitle"));
        TextField name = new TextField();
        name.textProperty().bindBidirectional(form.nameProperty());
        name.disableProperty().bind(form.editingProperty());
        ComboBox<String> backend = new ComboBox<>(form.backends());
        backend.valueProperty().bindBidirectional(form.backendProperty());
        backend.disableProperty().bind(form.editingProperty());
        backend.valueProperty().addListener((o, old, type) -> form.chooseBackend(type));
        GridPane head = new GridPane();
        head.setHgap(8);
        head.setVgap(6);
        head.addRow(0, new Label(Messages.get("form.name")), name);
        head.addRow(1, new Label(Messages.get("form.backend")), backend);
        PropertySheet sheet = new PropertySheet();
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(StoreFormDialog::editor);
        form.fields().addListener((ListChangeListener<FormField>) c ->
                sheet.getItems().setAll(form.fields().stream().map(SettingItem::new).toList()));
        sheet.getItems().setAll(form.fields().stream().map(SettingItem::new).toList());
        VBox.setVgrow(sheet, Priority.ALWAYS);
        Label message = new Label();
        message.getStyleClass().add("message");
        message.setWrapText(true);
        message.textProperty().bind(form.messageProperty());
        Button save = new Button(Messages.get("form.save"));
        save.setDefaultButton(true);
        save.disableProperty().bind(form.busyProperty());
        save.setOnAction(e -> form.submit());
        Button cancel = new Button(Messages.get("form.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        ButtonBar buttons = new ButtonBar();
        ButtonBar.setButtonData(save, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        buttons.getButtons().addAll(save, cancel);
        form.doneProperty().addListener((o, was, done) -> {
            if (done) {
                stage.close();
            }
        });
        VBox root = new VBox(10, head, sheet, message, buttons);
        root.setPadding(new Insets(12));
        Scene scene = new Scene(root, 640, 620);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        if (owner.getScene().getRoot().getStyleClass().contains("dark")) {
            root.getStyleClass().add("dark");
        }
        stage.setScene(scene);
        stage.show();
    }

    private static final DefaultPropertyEditorFactory DEFAULTS = new DefaultPropertyEditorFactory();

    private static PropertyEditor<?> editor(PropertySheet.Item item) {
        FormField field = ((SettingItem) item).field;
        List<String> options = field.setting().optionValues();
        if (!options.isEmpty()) {
            return Editors.createChoiceEditor(item, FXCollections.observableArrayList(options));
        }
        if (field.isSecret()) {
            return new AbstractPropertyEditor<String, PasswordField>(item, new PasswordField()) {
                @Override protected ObservableValue<String> getObservableValue() { return getEditor().textProperty(); }
                @Override public void setValue(String value) { getEditor().setText(value); }
            };
        }
        return DEFAULTS.call(item);
    }

    /** One setting as a PropertySheet row: booleans as {@code Boolean} (a check box), everything else as text. */
    private static final class SettingItem implements PropertySheet.Item {

        private final FormField field;

        SettingItem(FormField field) {
            this.field = field;
        }

        private boolean isBoolean() {
            return "BOOLEAN".equals(field.setting().type());
        }

        @Override public Class<?> getType() { return isBoolean() ? Boolean.class : String.class; }
        @Override
        public String getCategory() {
            String source = field.setting().source();
            return "store".equals(source) || source.isEmpty() ? Messages.get("form.coreSettings")
                    : Messages.get("form.engineSettings", source);
        }
        @Override public String getName() { return field.label(); }
        @Override public String getDescription() { return field.help(); }

        @Override
        public Object getValue() {
            return isBoolean() ? Boolean.valueOf(field.value()) : field.value();
        }

        @Override
        public void setValue(Object value) {
            field.valueProperty().set(value == null ? "" : value.toString());
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(field.valueProperty());
        }
    }
}
