package dev.strata.console.audit;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** Binds the audit list, its filter and the chain's verdict. */
public final class AuditView {

    @FXML private TextField filter;
    @FXML private Label chain;
    @FXML private ListView<String> entries;

    public void bind(AuditViewModel model) {
        filter.textProperty().bindBidirectional(model.filterProperty());
        chain.textProperty().bind(model.chainProperty());
        entries.setItems(model.shown());
    }
}
