package dev.strata.console.stores;

import java.util.Optional;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import dev.strata.api.management.SettingInfo;
import dev.strata.console.shell.Messages;

/**
 * One setting of a store form: what the runtime's metatype says about it and the value being edited, always as text
 * (what ConfigAdmin and {@code defineStore} take). Checked before anything is sent.
 */
public final class FormField {

    /** Shown for a secret the runtime masks; left as is, the secret is not changed. */
    static final String MASKED = "****";

    private final SettingInfo setting;
    private final String original;
    private final StringProperty value;

    FormField(SettingInfo setting, String original) {
        this.setting = setting;
        this.original = original == null ? "" : original;
        this.value = new SimpleStringProperty(this.original);
    }

    public SettingInfo setting() { return setting; }
    public StringProperty valueProperty() { return value; }
    public String value() { return value.get() == null ? "" : value.get().trim(); }

    /** The label, with {@code *} when a value is required. */
    public String label() {
        return setting.name() + (setting.required() ? " *" : "");
    }

    /** The description, with the default when there is one. */
    public String help() {
        String text = setting.description();
        if (!setting.defaultValue().isEmpty()) {
            text = text + (text.isEmpty() ? "" : " ") + Messages.get("form.default", setting.defaultValue());
        }
        return text;
    }

    public boolean changed() {
        return !value().equals(original) && !(isSecret() && value().equals(MASKED));
    }

    public boolean isSecret() {
        return "PASSWORD".equals(setting.type());
    }

    /** What is wrong with the value, or empty when it may be sent. */
    public Optional<String> problem() {
        String text = value();
        if (text.isEmpty()) {
            return setting.required() && setting.defaultValue().isEmpty()
                    ? Optional.of(Messages.get("form.required", setting.name())) : Optional.empty();
        }
        if (!setting.optionValues().isEmpty() && !setting.optionValues().contains(text)) {
            return Optional.of(Messages.get("form.notAnOption", setting.name(), String.join(", ", setting.optionValues())));
        }
        try {
            switch (setting.type()) {
                case "LONG" -> Long.parseLong(text);
                case "INTEGER" -> Integer.parseInt(text);
                case "DOUBLE" -> Double.parseDouble(text);
                case "BOOLEAN" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        return Optional.of(Messages.get("form.notBoolean", setting.name()));
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException e) {
            return Optional.of(Messages.get("form.notNumber", setting.name(), text));
        }
        return Optional.empty();
    }
}
