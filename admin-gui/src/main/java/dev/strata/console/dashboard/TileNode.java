package dev.strata.console.dashboard;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * One store's tile on screen, compact (three lines) so that 20 of them fit in a few rows above the charts. It is
 * created once per store and updated in place on each refresh: setting a label to the text it already has changes
 * nothing, so an unchanged store costs no layout.
 */
final class TileNode extends VBox {

    private final Label name = new Label();
    private final Label summary = new Label();
    private final Label figures = new Label();
    private final Label rates = new Label();
    private final Tooltip alertTip = new Tooltip();
    private final Tooltip rateTip = new Tooltip();
    private String store;

    TileNode(DashboardViewModel model) {
        super(1);
        name.getStyleClass().add("tile-name");
        getChildren().addAll(name, summary, figures, rates);
        rates.setTooltip(rateTip);
        getStyleClass().add("tile");
        setFocusTraversable(true);
        setOnMouseClicked(e -> model.selectedProperty().set(store));
        // Enter or Space chooses the focused tile; the arrow keys (like Tab and Shift+Tab) move the focus between
        // tiles, and the tile area scrolls to the one reached
        setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                model.selectedProperty().set(store);
                e.consume();
            } else if (e.getCode().isArrowKey() && getParent() != null) {
                java.util.List<javafx.scene.Node> tiles = getParent().getChildrenUnmodifiable();
                int next = TileGrid.neighbour(tiles.stream().map(n -> new javafx.geometry.Point2D(
                        n.getBoundsInParent().getMinX(), n.getBoundsInParent().getMinY())).toList(),
                        tiles.indexOf(this), e.getCode());
                if (next >= 0) {
                    tiles.get(next).requestFocus();
                }
                e.consume(); // at an edge too: the focus stays on the tiles rather than leaving for another control
            }
        });
    }

    void show(StoreTile tile, boolean selected) {
        store = tile.name();
        name.setText(tile.alert().isEmpty() ? tile.name() : "⚠ " + tile.name());
        summary.setText(tile.keysTracked() ? tile.summary() + " · " + tile.keys() : tile.summary());
        figures.setText(tile.disk());
        rates.setText(tile.alert().isEmpty() ? tile.rates() : tile.alert());
        rateTip.setText(tile.hitRate().explanation());
        rates.getStyleClass().remove("tile-alert");
        if (!tile.alert().isEmpty()) {
            rates.getStyleClass().add("tile-alert");
            alertTip.setText(tile.alert() + "\n" + tile.rates() + "\n" + tile.hitRate().explanation());
            Tooltip.install(this, alertTip);
        } else {
            Tooltip.uninstall(this, alertTip);
        }
        mark("alert", !tile.alert().isEmpty());
        mark("selected", selected);
    }

    private void mark(String styleClass, boolean on) {
        if (on && !getStyleClass().contains(styleClass)) {
            getStyleClass().add(styleClass);
        } else if (!on) {
            getStyleClass().remove(styleClass);
        }
    }
}
