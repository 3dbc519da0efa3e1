package dev.strata.console.audit;

import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;

/** Binds the audit table, its filter and the chain's verdict above it. */
public final class AuditView {

    @FXML private TextField filter;
    @FXML private Label chain;
    @FXML private TableView<AuditRow> entries;
    @FXML private TableColumn<AuditRow, String> time;
    @FXML private TableColumn<AuditRow, String> user;
    @FXML private TableColumn<AuditRow, String> from;
    @FXML private TableColumn<AuditRow, String> action;
    @FXML private TableColumn<AuditRow, String> target;
    @FXML private TableColumn<AuditRow, String> arguments;
    @FXML private TableColumn<AuditRow, String> result;

    public void bind(AuditViewModel model) {
        filter.textProperty().bindBidirectional(model.filterProperty());
        chain.textProperty().bind(model.chainProperty());
        // styled on every verdict (not on a change of "broken" only: the first "ok" changes nothing)
        model.chainProperty().addListener((o, was, verdict) -> {
            chain.getStyleClass().removeAll("state-good", "state-bad");
            chain.getStyleClass().add(model.chainBrokenProperty().get() ? "state-bad" : "state-good");
        });
        column(time, AuditRow::time);
        column(user, AuditRow::user);
        column(from, AuditRow::from);
        column(action, AuditRow::action);
        column(target, AuditRow::target);
        column(arguments, AuditRow::arguments);
        column(result, AuditRow::result);
        entries.setItems(model.shown());
    }

    /** A text column whose cut values read whole in the cell's tooltip. */
    private static void column(TableColumn<AuditRow, String> column, Function<AuditRow, String> field) {
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(field.apply(row.getValue())));
        column.setCellFactory(c -> new TextFieldTableCell<>() {
            @Override
            public void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
    }
}
