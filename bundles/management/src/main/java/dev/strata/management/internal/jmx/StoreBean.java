package dev.strata.management.internal.jmx;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.OperationStats;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.management.HistorySeries;
import dev.strata.api.management.StoreControl;
import dev.strata.api.management.StoreMXBean;
import dev.strata.management.internal.health.StoreHealthMonitor;
import dev.strata.management.internal.metrics.Figure;
import dev.strata.management.internal.metrics.MetricsHistory;

/**
 * One store's bean. Figures are read from the store at each call (the engines make that cheap), so JConsole and the
 * console see them live; an unavailable store answers {@code -1} for its figures rather than failing the read.
 */
final class StoreBean implements StoreMXBean {

    private static final StoreMetrics UNKNOWN = new StoreMetrics(-1, -1, -1, -1, -1, -1, "n/a", null, null, -1, null, 0);
    private static final int DAY_SECONDS = 86_400;

    private final Store store;
    private final MetricsHistory history;
    private final StoreControl control;
    private final StoreHealthMonitor health;

    StoreBean(Store store, MetricsHistory history, StoreControl control, StoreHealthMonitor health) {
        this.store = store;
        this.history = history;
        this.control = control;
        this.health = health;
    }

    /**
     * While a client's {@code getAttributes} runs ({@link #readingOnce}): the figures read for its first attribute,
     * for the others. Each {@code store.metrics()} lists the engine's files and computes every kind's percentiles, and
     * the console asks for eight figures per store every second; one reading per call is as live as eight.
     */
    private final ThreadLocal<StoreMetrics[]> oneReading = new ThreadLocal<>();

    private StoreMetrics metrics() {
        StoreMetrics[] held = oneReading.get();
        if (held != null && held[0] != null) {
            return held[0];
        }
        StoreMetrics read;
        try {
            read = store.metrics();
        } catch (StorageException e) {
            read = UNKNOWN;
        }
        if (held != null) {
            held[0] = read;
        }
        return read;
    }

    /** Runs one multi-attribute read with the store's figures read at most once in it. */
    <T> T readingOnce(java.util.function.Supplier<T> read) {
        oneReading.set(new StoreMetrics[1]);
        try {
            return read.get();
        } finally {
            oneReading.remove();
        }
    }

    private StoreInfo info() {
        return store.info();
    }

    @Override
    public String getName() {
        return store.name();
    }

    @Override
    public String getBackend() {
        return info().backend();
    }

    @Override
    public String getStatus() {
        return info().status().name();
    }

    @Override
    public String getMessage() {
        return info().message();
    }

    @Override
    public String getDurability() {
        return info().durability().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public long getKeys() {
        return metrics().keys();
    }

    @Override
    public long getDiskBytes() {
        return metrics().diskBytes();
    }

    @Override
    public long getWalBytes() {
        return metrics().walBytes();
    }

    @Override
    public long getMemoryBytes() {
        return metrics().memoryBytes();
    }

    @Override
    public long getCacheHits() {
        return metrics().cacheHits();
    }

    @Override
    public long getCacheMisses() {
        return metrics().cacheMisses();
    }

    @Override
    public double getCacheHitRate() {
        return metrics().cacheHitRate();
    }

    @Override
    public String getCompactionState() {
        return metrics().compactionState();
    }

    @Override
    public double getOperationsPerSecond() {
        return history.of(store.name()).map(h -> h.latest(Figure.OPERATIONS_PER_SECOND)).orElse(Double.NaN);
    }

    @Override
    public long getConflicts() {
        return metrics().conflicts();
    }

    @Override
    public Map<String, OperationStats> getOperations() {
        return new TreeMap<>(metrics().operations());
    }

    @Override
    public Map<String, Long> getErrors() {
        return new TreeMap<>(metrics().errors());
    }

    @Override
    public double getGetP99Micros() {
        return p99("get");
    }

    @Override
    public double getPutP99Micros() {
        return p99("put");
    }

    @Override
    public double getCommitP99Micros() {
        return p99("commit");
    }

    @Override
    public HistorySeries history(String figure, int seconds) {
        Figure known = Figure.byLabel(figure).orElseThrow(() -> new InvalidArgumentException("unknown figure '"
                + figure + "'; known: " + Arrays.stream(Figure.values()).map(Figure::label).toList()));
        if (seconds < 1 || seconds > DAY_SECONDS) {
            throw new InvalidArgumentException("history reaches 1 to " + DAY_SECONDS + " seconds back, not " + seconds);
        }
        long now = System.currentTimeMillis();
        return history.of(store.name()).map(h -> h.series(known, seconds, now))
                .orElse(new HistorySeries(known.label(), seconds <= 3600 ? 1000 : 60_000, new long[0], new double[0]));
    }

    @Override
    public String getHealth() {
        return health.of(store).health().name();
    }

    @Override
    public String getHealthReason() {
        return health.of(store).reason();
    }

    @Override
    public void checkpoint() {
        control.checkpoint(store.name());
    }

    @Override
    public void compact() {
        control.compact(store.name());
    }

    @Override
    public void close() {
        control.close(store.name());
    }

    @Override
    public void open() {
        control.reopen(store.name());
    }

    private double p99(String operation) {
        OperationStats stats = metrics().operations().get(operation);
        return stats == null ? Double.NaN : stats.p99Micros();
    }
}
