package dev.strata.console.shell;

import javafx.scene.Scene;

/** Light (Modena with console.css) or dark (dark.css over it): a style class on the root and one more stylesheet. */
public final class Themes {

    private static final String DARK = Themes.class.getResource("/dev/strata/console/dark.css").toExternalForm();

    private Themes() {
    }

    public static void apply(Scene scene, boolean dark) {
        if (scene == null) {
            return;
        }
        scene.getRoot().getStyleClass().remove("dark");
        scene.getStylesheets().remove(DARK);
        if (dark) {
            scene.getStylesheets().add(DARK);
            scene.getRoot().getStyleClass().add("dark");
        }
    }
}
