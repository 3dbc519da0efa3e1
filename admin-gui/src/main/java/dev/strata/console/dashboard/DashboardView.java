package dev.strata.console.dashboard;

import java.util.Map;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Binds the tiles and the four charts to the dashboard's view model. */
public final class DashboardView {

    @FXML private FlowPane tiles;
    @FXML private Label chartsTitle;
    @FXML private ChoiceBox<Integer> range;
    @FXML private LineChart<Number, Number> walChart;
    @FXML private LineChart<Number, Number> hitRateChart;
    @FXML private LineChart<Number, Number> opsChart;
    @FXML private LineChart<Number, Number> latencyChart;

    public void bind(DashboardViewModel model) {
        model.tiles().addListener((ListChangeListener<StoreTile>) c -> drawTiles(model));
        model.selectedProperty().addListener((o, old, store) -> drawTiles(model));
        chartsTitle.textProperty().bind(model.selectedProperty().map(s -> "Store '" + s + "'").orElse("No store"));
        range.getItems().setAll(300, 3600, 86_400);
        range.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer seconds) {
                return seconds == null ? "" : seconds == 300 ? "5 minutes" : seconds == 3600 ? "1 hour" : "24 hours";
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        range.setValue(model.rangeSecondsProperty().get());
        range.valueProperty().addListener((o, old, seconds) -> model.rangeSecondsProperty().set(seconds));
        Map<DashboardViewModel.Chart, LineChart<Number, Number>> charts = Map.of(
                DashboardViewModel.Chart.WAL, walChart, DashboardViewModel.Chart.HIT_RATE, hitRateChart,
                DashboardViewModel.Chart.OPERATIONS, opsChart, DashboardViewModel.Chart.GET_P99, latencyChart);
        charts.forEach((chart, view) -> follow(model.series(chart), view, chart.title()));
    }

    /** Mirrors a bounded series of points into one chart line (x: seconds before the newest point). */
    private static void follow(ObservableList<Point> points, LineChart<Number, Number> chart, String title) {
        chart.setTitle(title);
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        chart.getData().add(line);
        points.addListener((ListChangeListener<Point>) c -> {
            long newest = points.isEmpty() ? 0 : points.get(points.size() - 1).time();
            line.getData().setAll(points.stream()
                    .map(p -> new XYChart.Data<Number, Number>((p.time() - newest) / 1000.0, p.value())).toList());
        });
    }

    private void drawTiles(DashboardViewModel model) {
        tiles.getChildren().setAll(model.tiles().stream().map(tile -> tile(model, tile)).toList());
    }

    private static VBox tile(DashboardViewModel model, StoreTile tile) {
        Label name = new Label(tile.name());
        name.getStyleClass().add("tile-name");
        VBox box = new VBox(2, name, new Label(tile.summary()), new Label(tile.keys()), new Label(tile.disk()),
                new Label(tile.rates()));
        if (!tile.alert().isEmpty()) {
            Label alert = new Label("⚠ " + tile.alert());
            alert.getStyleClass().add("tile-alert");
            box.getChildren().add(alert);
            box.getStyleClass().add("alert");
        }
        box.getStyleClass().add("tile");
        if (tile.name().equals(model.selectedProperty().get())) {
            box.getStyleClass().add("selected");
        }
        box.setFocusTraversable(true);
        box.setOnMouseClicked(e -> model.selectedProperty().set(tile.name()));
        box.setOnKeyPressed(e -> model.selectedProperty().set(tile.name()));
        return box;
    }
}
