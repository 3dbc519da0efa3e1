package dev.strata.console.shell;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

/**
 * The window's one theme choice, light or dark, for every runtime tab and the login form alike, kept in the user's
 * preferences ({@link Preferences}, key {@value #KEY}) so the console starts the next time as it was left. A
 * choice for this session only ({@code --theme=dark}) is not saved.
 */
public final class ThemeChoice {

    static final String KEY = "theme.dark";

    private final Preferences saved;
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private boolean saving = true;

    /** @param saved where the choice is kept; {@code null}: nowhere (a test harness, a kiosk) */
    public ThemeChoice(Preferences saved) {
        this.saved = saved;
        dark.set(saved != null && saved.getBoolean(KEY, false));
        dark.addListener((o, was, now) -> {
            if (saving && this.saved != null) {
                this.saved.putBoolean(KEY, now);
                flush();
            }
        });
    }

    /** The choice kept in the user's preferences for this console. */
    public static ThemeChoice ofUser() {
        return new ThemeChoice(Preferences.userNodeForPackage(ThemeChoice.class));
    }

    /** Dark or light for this session, without changing what is saved. */
    public void forSession(boolean on) {
        saving = false;
        try {
            dark.set(on);
        } finally {
            saving = true;
        }
    }

    /** Styles a scene now and whenever the choice changes. */
    public void follow(Scene scene) {
        Themes.apply(scene, dark.get());
        dark.addListener((o, was, now) -> Themes.apply(scene, now));
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    private void flush() {
        try {
            saved.flush();
        } catch (BackingStoreException e) {
            // the preference stays for this session; the next start is light again, which harms nothing
        }
    }
}
