package dev.strata.console.dashboard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.api.management.HistorySeries;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.client.StoreFigures;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The dashboard: a tile per store and five charts of the selected store. When a store is chosen (or the time range
 * changes) its charts are filled from the runtime's history at once; after that each refresh appends the newest
 * second (5-minute range) or reloads the range every {@value #RELOAD_EVERY} refreshes (longer ranges, which are
 * per-minute or decimated anyway). Each series is bounded to {@value #MAX_POINTS} points. All charts share one
 * {@link TimeWindow}: the chosen range up to the runtime's newest sample.
 */
public final class DashboardViewModel {

    /** The charts, each one figure of the runtime's history; their titles are {@code chart.<NAME>} in the bundle. */
    public enum Chart {
        WAL("walBytes"),
        DISK("diskBytes"),
        HIT_RATE("cacheHitRate"),
        OPERATIONS("operationsPerSecond"),
        GET_P99("getP99Micros");

        final String figure;

        Chart(String figure) {
            this.figure = figure;
        }

        public String title() {
            return Messages.get("chart." + name());
        }
    }

    static final int MAX_POINTS = 600;
    static final int RELOAD_EVERY = 10;

    private final RuntimeClient client;
    private final Background background;
    private final Consumer<String> notifier;
    private final ObservableList<StoreTile> tiles = FXCollections.observableArrayList();
    private final StringProperty selected = new SimpleStringProperty();
    private final IntegerProperty rangeSeconds = new SimpleIntegerProperty(300);
    private final ObjectProperty<Alerts> alerts = new SimpleObjectProperty<>(Alerts.DEFAULT);
    private final Map<Chart, ObservableList<Point>> series = new EnumMap<>(Chart.class);
    private final Set<String> alerted = new HashSet<>();
    private final HitRates hitRates = new HitRates();
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>();
    private String loadedStore;
    private int loadedRange;
    private int refreshes;
    private boolean inFlight;

    public DashboardViewModel(RuntimeClient client, Background background, Consumer<String> notifier) {
        this.client = client;
        this.background = background;
        this.notifier = notifier;
        for (Chart chart : Chart.values()) {
            series.put(chart, FXCollections.observableArrayList());
        }
    }

    /** Reads the store figures and the selected store's newest history; call once a second while shown. */
    public void refresh(Consumer<String> onFailure) {
        if (inFlight) {
            return; // a slow runtime: the last refresh has not answered yet, do not stack another behind it
        }
        String store = selected.get();
        int range = rangeSeconds.get();
        boolean reload = store != null && (!store.equals(loadedStore) || range != loadedRange
                || (range > 300 && ++refreshes % RELOAD_EVERY == 0));
        inFlight = true;
        background.run(() -> fetch(store, range, reload), result -> {
            inFlight = false;
            apply(result, store, range, reload);
        }, failure -> {
            inFlight = false;
            onFailure.accept(failure.getMessage());
        });
    }

    private record Fetched(List<StoreFigures> stores, Map<Chart, HistorySeries> history) {
    }

    private Fetched fetch(String store, int range, boolean reload) {
        List<StoreFigures> stores = client.stores();
        Map<Chart, HistorySeries> history = new EnumMap<>(Chart.class);
        if (store != null && stores.stream().anyMatch(s -> s.name().equals(store))) {
            for (Chart chart : Chart.values()) {
                history.put(chart, client.history(store, chart.figure, reload ? range : 5));
            }
        }
        return new Fetched(stores, history);
    }

    private void apply(Fetched fetched, String store, int range, boolean reload) {
        List<StoreTile> updated = new ArrayList<>();
        hitRates.retain(fetched.stores().stream().map(StoreFigures::name).toList());
        for (StoreFigures figures : fetched.stores()) {
            String alert = alerts.get().check(figures);
            updated.add(new StoreTile(figures, alert, hitRates.next(figures)));
            if (!alert.isEmpty() && alerted.add(figures.name())) {
                notifier.accept(Messages.get("tile.alerted", figures.name(), alert));
            } else if (alert.isEmpty()) {
                alerted.remove(figures.name());
            }
        }
        tiles.setAll(updated);
        if (selected.get() == null && !updated.isEmpty()) {
            selected.set(updated.get(0).name());
        }
        if (store == null || !store.equals(selected.get())) {
            return; // the selection changed while this ran: the next refresh loads the new one
        }
        TimeWindow shared = new TimeWindow(newest(fetched.history().values()), range);
        fetched.history().forEach((chart, history) -> {
            ObservableList<Point> points = series.get(chart);
            if (reload) {
                points.setAll(Decimation.bounded(history.getTimes(), history.getValues(), MAX_POINTS));
            } else {
                append(points, history);
            }
            dropBefore(points, shared); // points are oldest first: one change from the front
        });
        if (!shared.equals(window.get())) {
            window.set(shared);
        }
        if (reload) {
            loadedStore = store;
            loadedRange = range;
        }
    }

    /** The runtime's newest sample time over every series (NaN samples too), else the last window's end. */
    private long newest(Iterable<HistorySeries> histories) {
        long newest = Long.MIN_VALUE;
        for (HistorySeries history : histories) {
            long[] times = history.getTimes();
            if (times.length > 0) {
                newest = Math.max(newest, times[times.length - 1]);
            }
        }
        if (newest != Long.MIN_VALUE) {
            return newest;
        }
        return window.get() != null ? window.get().endMillis() : System.currentTimeMillis();
    }

    private static void dropBefore(ObservableList<Point> points, TimeWindow shared) {
        int old = 0;
        while (old < points.size() && !shared.contains(points.get(old).time())) {
            old++;
        }
        if (old > 0) {
            points.remove(0, old);
        }
    }

    private static void append(ObservableList<Point> points, HistorySeries newest) {
        long last = points.isEmpty() ? Long.MIN_VALUE : points.get(points.size() - 1).time();
        long[] times = newest.getTimes();
        double[] values = newest.getValues();
        List<Point> added = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            if (times[i] > last && !Double.isNaN(values[i])) {
                added.add(new Point(times[i], values[i]));
            }
        }
        if (!added.isEmpty()) {
            points.addAll(added);
        }
        if (points.size() > MAX_POINTS) {
            points.remove(0, points.size() - MAX_POINTS);
        }
    }

    public ObservableList<StoreTile> tiles() { return tiles; }
    public ObservableList<Point> series(Chart chart) { return series.get(chart); }
    public StringProperty selectedProperty() { return selected; }
    public IntegerProperty rangeSecondsProperty() { return rangeSeconds; }
    /** The time axis all charts share; {@code null} until the first history arrived. */
    public ObjectProperty<TimeWindow> windowProperty() { return window; }
    public ObjectProperty<Alerts> alertsProperty() { return alerts; }
}
