package dev.strata.console.shell;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The window's keyboard shortcuts ("Ctrl" is Cmd on macOS): Ctrl+1 .. Ctrl+6 show a view of the shown runtime
 * (Dashboard, Stores, Backends, Data, Jobs, Audit), F5 or Ctrl+R refreshes every view of it now, Ctrl+N defines a
 * store, Ctrl+T opens a login form for another runtime. Taken by {@link RuntimeTabs} before the focused control.
 */
final class Shortcuts {

    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REFRESH_KEY = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination NEW_STORE = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CONNECT = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);

    private Shortcuts() {
    }

    /** The shortcut of the view at this place (1 is the dashboard), for its tab's tooltip. */
    static KeyCombination view(int number) {
        return new KeyCodeCombination(KeyCode.valueOf("DIGIT" + number), KeyCombination.SHORTCUT_DOWN);
    }

    static boolean refresh(KeyEvent key) {
        return REFRESH.match(key) || REFRESH_KEY.match(key);
    }

    /** 1 to 9 for Ctrl and a digit (of the main keys or the keypad), else 0. */
    static int view(KeyEvent key) {
        if (!key.isShortcutDown() || key.isAltDown() || key.isShiftDown()) {
            return 0;
        }
        return switch (key.getCode()) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            case DIGIT6, NUMPAD6 -> 6;
            case DIGIT7, NUMPAD7 -> 7;
            case DIGIT8, NUMPAD8 -> 8;
            case DIGIT9, NUMPAD9 -> 9;
            default -> 0;
        };
    }
}
