package dev.strata.console.audit;

import java.util.Locale;
import java.util.function.Consumer;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;

/** The audit trail, newest entries, filterable by any text, with the hash chain's verdict. */
public final class AuditViewModel {

    static final int ENTRIES = 500;

    private final RuntimeClient client;
    private final Background background;
    private final ObservableList<String> entries = FXCollections.observableArrayList();
    private final FilteredList<String> shown = new FilteredList<>(entries);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty chain = new SimpleStringProperty("not checked yet");

    public AuditViewModel(RuntimeClient client, Background background) {
        this.client = client;
        this.background = background;
        filter.addListener((o, old, text) -> {
            String needle = text == null ? "" : text.toLowerCase(Locale.ROOT);
            shown.setPredicate(line -> needle.isEmpty() || line.toLowerCase(Locale.ROOT).contains(needle));
        });
    }

    public void refresh(Consumer<String> onFailure) {
        background.run(() -> client.auditEntries(ENTRIES), entries::setAll, f -> onFailure.accept(f.getMessage()));
        background.run(client::verifyAudit, chain::set, f -> chain.set("cannot check: " + f.getMessage()));
    }

    public ObservableList<String> shown() { return shown; }
    public StringProperty filterProperty() { return filter; }
    public StringProperty chainProperty() { return chain; }
}
