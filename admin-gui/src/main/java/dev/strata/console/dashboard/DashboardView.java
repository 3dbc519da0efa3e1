package dev.strata.console.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;

import dev.strata.console.shell.Messages;

/**
 * Binds the tiles and the five charts to the dashboard's view model. Tiles are updated in place; chart lines mirror
 * their series change by change (a new second adds one point and drops one, it does not rebuild 300), and every
 * chart's time axis takes its bounds from the one {@link TimeWindow} of the view model.
 */
public final class DashboardView {

    @FXML private ScrollPane tileArea;
    @FXML private FlowPane tiles;
    @FXML private Label chartsTitle;
    @FXML private ChoiceBox<Integer> range;
    @FXML private LineChart<Number, Number> walChart;
    @FXML private LineChart<Number, Number> diskChart;
    @FXML private LineChart<Number, Number> hitRateChart;
    @FXML private LineChart<Number, Number> opsChart;
    @FXML private LineChart<Number, Number> latencyChart;

    private final Map<String, TileNode> tileNodes = new HashMap<>();

    public void bind(DashboardViewModel model) {
        model.tiles().addListener((ListChangeListener<StoreTile>) c -> drawTiles(model));
        model.selectedProperty().addListener((o, old, store) -> {
            drawTiles(model);
            reveal(tileNodes.get(store));
        });
        // keep the chosen tile in view when the area is first laid out (a store chosen at start, --store=files)
        // or changes its size (tiles came or went, the window was resized); a scroll by hand moves neither
        // (after the layout pass that changed them: reveal lays the tiles out itself)
        Runnable keepChosen = () -> javafx.application.Platform.runLater(
                () -> reveal(tileNodes.get(model.selectedProperty().get()), true));
        tileArea.viewportBoundsProperty().addListener((o, old, now) -> {
            if (old.getHeight() != now.getHeight() || old.getWidth() != now.getWidth()) {
                keepChosen.run();
            }
        });
        tiles.heightProperty().addListener((o, old, now) -> keepChosen.run());
        chartsTitle.textProperty().bind(model.selectedProperty().map(s -> Messages.get("dashboard.store", s))
                .orElse(Messages.get("dashboard.noStore")));
        range.getItems().setAll(300, 3600, 86_400);
        range.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer seconds) {
                return seconds == null ? "" : Messages.get("dashboard.range." + seconds);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        range.setValue(model.rangeSecondsProperty().get());
        range.valueProperty().addListener((o, old, seconds) -> model.rangeSecondsProperty().set(seconds));
        Map<DashboardViewModel.Chart, LineChart<Number, Number>> charts = Map.of(
                DashboardViewModel.Chart.WAL, walChart, DashboardViewModel.Chart.DISK, diskChart,
                DashboardViewModel.Chart.HIT_RATE, hitRateChart, DashboardViewModel.Chart.OPERATIONS, opsChart,
                DashboardViewModel.Chart.GET_P99, latencyChart);
        charts.forEach((chart, view) -> follow(model.series(chart), view, chart.title()));
        charts.values().forEach(chart -> span(chart, model.windowProperty()));
    }

    /**
     * Sets a chart's time axis to the shared window (epoch seconds). Ticks start at the left end, so they are
     * labelled by how long before the newest sample they are ("-4 min", "now"), which keeps them round; the label
     * formatter is set once and reads the window, so a moving window changes only the bounds.
     */
    private static void span(LineChart<Number, Number> chart, javafx.beans.value.ObservableValue<TimeWindow> shared) {
        NumberAxis axis = (NumberAxis) chart.getXAxis();
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                TimeWindow window = shared.getValue();
                return window == null ? ""
                        : before(Math.round(window.upperSeconds() - seconds.doubleValue()), window.rangeSeconds());
            }

            @Override
            public Number fromString(String text) {
                return null;
            }
        });
        shared.addListener((o, old, window) -> {
            axis.setTickUnit(window.tickSeconds());
            axis.setLowerBound(window.lowerSeconds());
            axis.setUpperBound(window.upperSeconds());
        });
    }

    static String before(long seconds, int range) {
        if (seconds <= 0) {
            return Messages.get("dashboard.tick.now");
        }
        return range <= 3600 ? Messages.get("dashboard.tick.minutes", Math.round(seconds / 60.0))
                : Messages.get("dashboard.tick.hours", Math.round(seconds / 3600.0));
    }

    /** Mirrors a bounded series of points into one chart line, change by change (x: epoch seconds). */
    private static void follow(ObservableList<Point> points, LineChart<Number, Number> chart, String title) {
        chart.setTitle(title);
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        chart.getData().add(line);
        points.addListener((ListChangeListener<Point>) c -> {
            while (c.next()) {
                if (c.wasPermutated() || c.wasUpdated()) {
                    continue; // points are immutable and never reordered
                }
                if (c.wasRemoved()) {
                    line.getData().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    line.getData().addAll(c.getFrom(), c.getAddedSubList().stream()
                            .map(p -> new XYChart.Data<Number, Number>(p.time() / 1000.0, p.value())).toList());
                }
            }
        });
    }

    /**
     * Scrolls the tile area so that a tile is whole in view (the selected one, or one reached with Tab): with 20
     * stores the chosen tile may sit in a row below the two the area shows, its charts below it. A tile out of view
     * (or any, with {@code align}) brings its row to the area's top, as far as the rows go: whole rows are shown,
     * never half a row above and below.
     */
    private void reveal(Node tile) {
        reveal(tile, false);
    }

    private void reveal(Node tile, boolean align) {
        if (tile == null || tile.getParent() != tiles) {
            return;
        }
        tiles.applyCss(); // the selected tile's thicker border makes it taller: measure it as it will be drawn
        tiles.layout(); // a tile added in this pulse has no position yet
        double content = Math.max(tiles.getHeight(), tiles.prefHeight(tiles.getWidth()));
        double viewport = tileArea.getViewportBounds().getHeight();
        if (content <= viewport || viewport <= 0) {
            return;
        }
        double shownTop = tileArea.getVvalue() * (content - viewport);
        double top = tile.getBoundsInParent().getMinY();
        double bottom = tile.getBoundsInParent().getMaxY();
        if (align || top < shownTop - 0.5 || bottom > shownTop + viewport + 0.5) {
            tileArea.setVvalue(Math.min(1, top / (content - viewport)));
        }
    }

    private void drawTiles(DashboardViewModel model) {
        List<Node> shown = new ArrayList<>();
        for (StoreTile tile : model.tiles()) {
            TileNode node = tileNodes.get(tile.name());
            if (node == null) {
                node = new TileNode(model);
                tileNodes.put(tile.name(), node);
                TileNode created = node;
                node.focusedProperty().addListener((o, was, focused) -> {
                    if (focused) {
                        reveal(created);
                    }
                });
            }
            node.show(tile, tile.name().equals(model.selectedProperty().get()));
            shown.add(node);
        }
        tileNodes.keySet().retainAll(model.tiles().stream().map(StoreTile::name).toList());
        if (!tiles.getChildren().equals(shown)) {
            tiles.getChildren().setAll(shown); // only when a store came or went
        }
    }
}
