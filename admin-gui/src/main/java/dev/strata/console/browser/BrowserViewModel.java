package dev.strata.console.browser;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.api.management.KeyEntry;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.ValueView;
import dev.strata.console.browser.ValueFormats.Format;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The data browser: keys of a store by pattern, one page at a time (the runtime's {@code listKeys} with
 * {@code after} and {@code limit}: never the whole store), the selected value as text, JSON or hex, and editing or
 * deleting a value, which only an admin may do (a monitor or operator sees those disabled).
 */
public final class BrowserViewModel {

    public static final int PAGE_SIZE = 100;
    /** The most of a value the browser loads (a larger one is shown truncated and cannot be edited). */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private final RuntimeClient client;
    private final Background background;
    private final StringProperty store = new SimpleStringProperty("");
    private final StringProperty pattern = new SimpleStringProperty("*");
    private final ObservableList<KeyEntry> page = FXCollections.observableArrayList();
    /** The {@code after} of every page up to the shown one: Previous pops it. */
    private final List<String> starts = new ArrayList<>();
    private final StringProperty next = new SimpleStringProperty("");
    private final IntegerProperty pageNumber = new SimpleIntegerProperty(0);
    private final ObjectProperty<ValueView> value = new SimpleObjectProperty<>();
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(Format.TEXT);
    private final StringProperty shown = new SimpleStringProperty("");
    private final StringProperty editKey = new SimpleStringProperty("");
    private final StringProperty editText = new SimpleStringProperty("");
    private final BooleanProperty mayEdit = new SimpleBooleanProperty();
    private final BooleanProperty available = new SimpleBooleanProperty(true);
    private final StringProperty message = new SimpleStringProperty("");

    public BrowserViewModel(RuntimeClient client, Background background) {
        this.client = client;
        this.background = background;
        background.run(() -> client.canInvoke(ObjectNames.dataBrowser().toString(), "putValue"), mayEdit::set,
                f -> mayEdit.set(false));
        format.addListener((o, old, now) -> showValue());
        value.addListener((o, old, now) -> showValue());
    }

    /** The first page of the store's keys matching the pattern. */
    public void search() {
        starts.clear();
        load("");
    }

    public void nextPage() {
        if (!next.get().isEmpty()) {
            load(next.get());
        }
    }

    public void previousPage() {
        if (starts.size() > 1) {
            starts.remove(starts.size() - 1);
            String after = starts.remove(starts.size() - 1);
            load(after);
        }
    }

    private void load(String after) {
        String name = store.get() == null ? "" : store.get().trim();
        if (name.isEmpty()) {
            message.set(Messages.get("browser.chooseStore"));
            return;
        }
        String glob = pattern.get() == null || pattern.get().isBlank() ? "*" : pattern.get().trim();
        background.run(() -> client.listKeys(name, glob, after, PAGE_SIZE), (KeyPage keys) -> {
            starts.add(after);
            page.setAll(keys.entries());
            next.set(keys.next());
            pageNumber.set(starts.size());
            message.set(keys.entries().isEmpty() ? Messages.get("browser.noKeys", glob, name)
                    : Messages.get("browser.page", starts.size(), keys.entries().size(), keys.hasMore() ? 1 : 0));
        }, this::fail);
    }

    /** Loads a key's value for the value pane and the edit box. */
    public void select(KeyEntry entry) {
        if (entry == null) {
            return;
        }
        String name = store.get();
        background.run(() -> client.getValue(name, entry.key(), MAX_VALUE_BYTES), view -> {
            value.set(view);
            editKey.set(view.key());
            editText.set(view.found() ? ValueFormats.editable(view) : "");
            message.set(view.found() ? "" : Messages.get("browser.gone", entry.key()));
        }, this::fail);
    }

    private void showValue() {
        ValueView view = value.get();
        shown.set(view == null || !view.found() ? "" : ValueFormats.show(view, format.get())
                + (view.truncated() ? "\n" + Messages.get("browser.truncated", MAX_VALUE_BYTES, view.size()) : ""));
    }

    /** The question the view asks before writing; empty when the input is refused (the reason is the message). */
    public String saveQuestion() {
        String key = editKey.get() == null ? "" : editKey.get();
        if (key.isEmpty()) {
            message.set(Messages.get("browser.noKey"));
            return "";
        }
        ValueView view = value.get();
        if (view != null && view.key().equals(key) && view.truncated()) {
            message.set(Messages.get("browser.truncatedEdit"));
            return "";
        }
        return Messages.get("browser.saveQuestion", key, store.get());
    }

    /** Writes the edit box (after the view's confirmation): as text, or as hex when the shown value is not UTF-8. */
    public void save() {
        String key = editKey.get();
        String text = editText.get() == null ? "" : editText.get();
        ValueView view = value.get();
        String encoding = view != null && view.key().equals(key) && view.found() && !view.utf8() ? "hex" : "text";
        String name = store.get();
        background.run(() -> {
            client.putValue(name, key, text, encoding);
            return client.getValue(name, key, MAX_VALUE_BYTES);
        }, written -> {
            value.set(written);
            message.set(Messages.get("browser.saved", key, written.size()));
        }, this::fail);
    }

    public String deleteQuestion() {
        return value.get() == null ? "" : Messages.get("browser.deleteQuestion", value.get().key(), store.get());
    }

    public void delete() {
        ValueView view = value.get();
        if (view == null) {
            return;
        }
        String name = store.get();
        background.run(() -> client.deleteValue(name, view.key()), existed -> {
            page.removeIf(e -> e.key().equals(view.key()));
            value.set(null);
            editText.set("");
            message.set(Messages.get(existed ? "browser.deleted" : "browser.gone", view.key()));
        }, this::fail);
    }

    private void fail(ConsoleException failure) {
        if (failure.kind() == ConsoleException.Kind.UNSUPPORTED) {
            available.set(false);
            mayEdit.set(false);
        }
        message.set(failure.kind() == ConsoleException.Kind.UNSUPPORTED ? Messages.get("browser.unsupported")
                : failure.getMessage());
    }

    public StringProperty storeProperty() { return store; }
    public StringProperty patternProperty() { return pattern; }
    public ObservableList<KeyEntry> page() { return page; }
    public IntegerProperty pageNumberProperty() { return pageNumber; }
    public BooleanBinding hasNext() { return next.isNotEmpty(); }
    public BooleanBinding hasPrevious() { return pageNumber.greaterThan(1); }
    public ObjectProperty<ValueView> valueProperty() { return value; }
    public ObjectProperty<Format> formatProperty() { return format; }
    public StringProperty shownProperty() { return shown; }
    public StringProperty editKeyProperty() { return editKey; }
    public StringProperty editTextProperty() { return editText; }
    public BooleanProperty mayEditProperty() { return mayEdit; }
    /** False once the runtime turned out to have no data browser. */
    public BooleanProperty availableProperty() { return available; }
    public BooleanBinding canDelete() {
        return Bindings.createBooleanBinding(() -> mayEdit.get() && value.get() != null && value.get().found(),
                mayEdit, value);
    }
    public StringProperty messageProperty() { return message; }
}
