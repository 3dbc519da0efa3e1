package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.strata.console.shell.ThemeChoice;

/** The window's one theme choice, kept in the user's preferences (here under target/prefs: see the pom). */
class ThemeChoiceTest {

    private final Preferences node = Preferences.userRoot().node("dev/strata/console/theme-test");

    @AfterEach
    void forget() throws BackingStoreException {
        node.removeNode();
    }

    @Test
    void theChoiceIsKeptForTheNextStartButASessionChoiceIsNot() {
        ThemeChoice first = new ThemeChoice(node);
        assertFalse(first.darkProperty().get(), "light until chosen");
        first.darkProperty().set(true);
        assertTrue(new ThemeChoice(node).darkProperty().get(), "the next start is dark");

        ThemeChoice second = new ThemeChoice(node);
        second.forSession(false); // --theme=light
        assertFalse(second.darkProperty().get());
        assertTrue(new ThemeChoice(node).darkProperty().get(), "a session's choice leaves the saved one alone");
        second.darkProperty().set(true); // the operator ticks the box, then unticks it: that is saved
        second.darkProperty().set(false);
        assertFalse(new ThemeChoice(node).darkProperty().get());
        assertFalse(new ThemeChoice(null).darkProperty().get(), "nowhere to keep it: light");
    }
}
