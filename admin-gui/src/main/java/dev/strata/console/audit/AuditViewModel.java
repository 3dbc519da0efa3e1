package dev.strata.console.audit;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The audit trail's newest entries as rows, newest first, filtered by a text over every column, with the hash
 * chain's verdict (whether any entry was changed, removed or inserted).
 */
public final class AuditViewModel {

    static final int ENTRIES = 500;

    private final RuntimeClient client;
    private final Background background;
    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final FilteredList<AuditRow> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty chain = new SimpleStringProperty(Messages.get("audit.chainUnchecked"));
    private final BooleanProperty chainBroken = new SimpleBooleanProperty();

    public AuditViewModel(RuntimeClient client, Background background) {
        this.client = client;
        this.background = background;
        filter.addListener((o, old, text) -> {
            String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null : row -> row.contains(needle));
        });
    }

    public void refresh(Consumer<String> onFailure) {
        background.run(() -> newestFirst(client.auditEntries(ENTRIES)), rows::setAll,
                f -> onFailure.accept(f.getMessage()));
        background.run(client::verifyAudit, verdict -> {
            chainBroken.set(!verdict.startsWith("ok"));
            chain.set(Messages.get("audit.chain", verdict));
        }, f -> {
            chainBroken.set(true);
            chain.set(Messages.get("audit.chainUnknown", f.getMessage()));
        });
    }

    private static List<AuditRow> newestFirst(List<String> oldestFirst) {
        List<AuditRow> rows = new java.util.ArrayList<>(oldestFirst.stream().map(AuditRow::parse).toList());
        java.util.Collections.reverse(rows);
        return rows;
    }

    public ObservableList<AuditRow> shown() { return shown; }
    public StringProperty filterProperty() { return filter; }
    public StringProperty chainProperty() { return chain; }
    /** True when the chain is damaged or could not be checked. */
    public BooleanProperty chainBrokenProperty() { return chainBroken; }
}
