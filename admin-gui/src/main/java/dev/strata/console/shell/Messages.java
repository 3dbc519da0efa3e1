package dev.strata.console.shell;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The console's text, from the resource bundle {@code dev/strata/console/messages*.properties} (labels in FXML use
 * the same bundle as {@code %key}). View models take their messages from here, so a translation needs no code.
 */
public final class Messages {

    public static final String BUNDLE = "dev.strata.console.messages";

    private Messages() {
    }

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE);
    }

    /** The text of {@code key} with its {@code {0}}-style arguments filled in. */
    public static String get(String key, Object... arguments) {
        String pattern = bundle().getString(key);
        return new MessageFormat(pattern, bundle().getLocale()).format(arguments);
    }
}
