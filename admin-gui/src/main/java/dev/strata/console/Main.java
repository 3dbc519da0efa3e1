package dev.strata.console;

import javafx.application.Application;

/**
 * Starts the console. A plain class on purpose: a main class that extends {@code Application} fails from the class
 * path with "JavaFX runtime components are missing".
 * <p>
 * Arguments: {@code --host=H --port=P --user=U} fill the login form; with {@code STRATA_PASSWORD} set and
 * {@code --connect} it connects at once (screenshots, kiosks); {@code --tab=stores|backends|data|jobs|audit} and
 * {@code --store=S} choose what is shown first; {@code --theme=dark} (or {@code light}) starts so for this session;
 * the Dark theme box at the right of the runtime tabs switches the whole window and is remembered.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
