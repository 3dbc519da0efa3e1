package dev.strata.console.backends;

import java.io.File;
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
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import dev.strata.console.client.BackendRow;
import dev.strata.console.shell.Messages;

/**
 * Binds the backends table, install (file chooser; a jar dropped anywhere on the runtime's window is taken by
 * {@code MainView}) and uninstall (after confirmation).
 */
public final class BackendsView {

    /**
     * Under this key of the view's root node properties, a {@code Function<Window, File>} stands in for the file
     * chooser: a native dialog cannot be driven headless, so the test against a real runtime puts one here.
     */
    public static final String JAR_CHOOSER = "strata.backends.jarChooser";

    @FXML private VBox root;
    @FXML private Button install;
    @FXML private Button uninstall;
    @FXML private Label message;
    @FXML private Label orphans;
    @FXML private TableView<BackendRow> table;

    @SuppressWarnings("deprecation") // CONSTRAINED_RESIZE_POLICY: its replacement is JavaFX 20+ only in name
    public void bind(BackendsViewModel model) {
        table.setItems(model.backends());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(model.availableProperty())
                .then(Messages.get("backends.none")).otherwise(Messages.get("backends.unsupportedShort")));
        table.setPlaceholder(empty);
        // one item a line and wrapping cells: every column fits a 1280-pixel window without cutting its text
        table.getColumns().add(column("backends.type", BackendRow::type, 70));
        table.getColumns().add(column("backends.bundle", BackendRow::bundle, 200));
        table.getColumns().add(column("backends.version", BackendRow::version, 150));
        table.getColumns().add(column("backends.state", BackendRow::state, 70));
        table.getColumns().add(column("backends.durability", r -> String.join("\n", r.durabilityLevels()), 90));
        table.getColumns().add(column("backends.isolation", r -> String.join("\n", r.isolationLevels()), 130));
        table.getColumns().add(column("backends.capabilities",
                r -> BackendsViewModel.capabilities(r).replace(" · ", "\n"), 170));
        table.getColumns().add(column("backends.untracked", r -> String.join("\n", r.untrackedFigures()), 120));
        table.getColumns().add(column("backends.stores", r -> model.storesOf(r).replace(", ", "\n"), 160));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> model.selectedProperty().set(row));
        orphans.textProperty().bind(model.orphansProperty());
        orphans.getParent().visibleProperty().bind(model.orphansProperty().isNotEmpty());
        // the stores column shows their live status: redraw when the stores list moves, too
        model.orphansProperty().addListener((o, old, now) -> table.refresh());
        install.disableProperty().bind(model.canInstall().not());
        uninstall.disableProperty().bind(model.canUninstall().not());
        install.setOnAction(e -> model.install(chooseJar(root.getScene().getWindow())));
        uninstall.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, model.uninstallQuestion(), ButtonType.OK, ButtonType.CANCEL);
            confirm.initOwner(root.getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.uninstall());
        });
        message.textProperty().bind(model.messageProperty());
    }

    @SuppressWarnings("unchecked")
    private File chooseJar(Window window) {
        if (root.getProperties().get(JAR_CHOOSER) instanceof Function<?, ?> replacement) {
            return ((Function<Window, File>) replacement).apply(window);
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("backends.chooserTitle"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("backends.jarFilter"), "*.jar"));
        return chooser.showOpenDialog(window);
    }

    private static TableColumn<BackendRow, String> column(String title, Function<BackendRow, String> value, double width) {
        TableColumn<BackendRow, String> column = new TableColumn<>(Messages.get(title));
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 70));
        // a Text graphic rather than the cell's own wrapped text: the row then takes the height of every line
        // (a wrapped Labeled measured itself before its width was known and cut the last line with "...")
        column.setCellFactory(c -> new TableCell<>() {
            private final Text lines = new Text();

            {
                lines.wrappingWidthProperty().bind(column.widthProperty().subtract(10));
                lines.fillProperty().bind(textFillProperty());
                lines.fontProperty().bind(fontProperty());
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                lines.setText(empty || text == null ? "" : text);
                setGraphic(empty ? null : lines);
            }
        });
        return column;
    }
}
