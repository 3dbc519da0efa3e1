package dev.strata.timeseries.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.RetentionResult;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.RollupBucket;
import dev.strata.api.timeseries.RollupData;
import dev.strata.api.timeseries.Sample;
import dev.strata.api.timeseries.Series;
import dev.strata.api.timeseries.SeriesData;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.api.timeseries.TimeSeriesService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code ts:*} Gogo commands. As with {@code strata:*}, every expected failure comes back as one line starting
 * with {@code error: }. Arguments after the store (and metric) are words: {@code tag=value} (filters also take
 * {@code tag=~regex} and {@code tag=a,b}), {@code --option=value}, and for append {@code @time}.
 */
@Component(service = TimeSeriesCommands.class)
@GogoCommand(scope = "ts", function = {"append", "query", "latest", "series", "policy", "retention"})
public final class TimeSeriesCommands {

    static final int MAX_ROWS = 1000;
    private static final List<String> QUERY_OPTIONS = List.of("from", "to", "agg", "bucket", "rollup");

    private final TimeSeriesService service;
    private final Clock clock;

    @Activate
    public TimeSeriesCommands(@Reference TimeSeriesService service) {
        this(service, Clock.systemUTC());
    }

    TimeSeriesCommands(TimeSeriesService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** {@code ts:append <store> <metric> <value> [tag=value ...] [@time]}: one point, at now unless {@code @time}. */
    public String append(String store, String metric, String value, String... words) {
        return run(() -> {
            double number = ShellArguments.parseValue(value);
            ShellArguments args = ShellArguments.parse(words, List.of());
            long now = clock.millis();
            long time = args.at == null ? now : ShellArguments.parseTime(args.at, now);
            service.forStore(store).append(new Point(metric, args.tags, time, number));
            return "ok " + new Series(metric, args.tags) + " " + Instant.ofEpochMilli(time) + " " + number;
        });
    }

    /**
     * {@code ts:query <store> <metric> [filters] [--from=-1h] [--to=now] [--agg=avg --bucket=1m] [--rollup=1m]}:
     * raw points, buckets aggregated from them, or (with {@code --rollup}) the stored rollup's buckets.
     */
    public String query(String store, String metric, String... words) {
        return run(() -> {
            ShellArguments args = ShellArguments.parse(words, QUERY_OPTIONS);
            long now = clock.millis();
            long from = ShellArguments.parseTime(args.options.getOrDefault("from", "-1h"), now);
            long to = ShellArguments.parseTime(args.options.getOrDefault("to", "now"), now) + 1;
            SeriesQuery query = new SeriesQuery(metric, args.filters(), from, to);
            TimeSeries series = service.forStore(store);
            String agg = args.options.get("agg");
            String bucket = args.options.get("bucket");
            String rollup = args.options.get("rollup");
            if (rollup != null) {
                return rollupTable(series.rollups(query, ShellArguments.parseDuration(rollup)),
                        agg == null ? null : ShellArguments.parseAggregation(agg));
            }
            if ((agg == null) != (bucket == null)) {
                throw new InvalidArgumentException("aggregating needs both --agg=<" + aggregations()
                        + "> and --bucket=<width, like 1m>");
            }
            List<SeriesData> data = agg == null ? series.query(query)
                    : series.aggregate(query, ShellArguments.parseAggregation(agg),
                            ShellArguments.parseDuration(bucket));
            return sampleTable(data, agg == null ? "VALUE" : agg.toUpperCase(java.util.Locale.ROOT));
        });
    }

    /** {@code ts:latest <store> <metric> [filters]}: the newest point of each matching series. */
    public String latest(String store, String metric, String... words) {
        return run(() -> {
            ShellArguments args = ShellArguments.parse(words, List.of());
            List<Point> points = service.forStore(store).latest(metric, args.filters());
            if (points.isEmpty()) {
                return "No series of '" + metric + "' match.";
            }
            List<List<String>> rows = new ArrayList<>();
            for (Point p : points) {
                rows.add(List.of(p.series().toString(), Instant.ofEpochMilli(p.timestamp()).toString(),
                        Double.toString(p.value())));
            }
            return table(List.of("SERIES", "TIME", "VALUE"), rows);
        });
    }

    /** {@code ts:series <store>}: the metrics; {@code ts:series <store> <metric> [filters]}: its series. */
    public String series(String store, String... words) {
        return run(() -> {
            TimeSeries series = service.forStore(store);
            if (words == null || words.length == 0) {
                List<String> metrics = series.metrics();
                return metrics.isEmpty() ? "No time series in store '" + store + "'." : String.join("\n", metrics);
            }
            ShellArguments args = ShellArguments.parse(java.util.Arrays.copyOfRange(words, 1, words.length), List.of());
            List<Series> found = series.series(words[0], args.filters());
            return found.isEmpty() ? "No series of '" + words[0] + "' match."
                    : String.join("\n", found.stream().map(Series::toString).toList());
        });
    }

    /**
     * {@code ts:policy <store> <metric|*>}: shows the policy; with {@code --raw=7d} and/or
     * {@code --rollups=1m:30d,1h:0} sets it (0: forever).
     */
    public String policy(String store, String metric, String... words) {
        return run(() -> {
            ShellArguments args = ShellArguments.parse(words, List.of("raw", "rollups"));
            TimeSeries series = service.forStore(store);
            if (!args.tags.isEmpty()) {
                throw new InvalidArgumentException("policy takes --raw=<retention> and --rollups=<width:retention,...>");
            }
            if (args.options.isEmpty()) {
                return (series.policy(metric).isPresent() ? "" : "(no own policy; effective) ")
                        + text(series.effectivePolicy(metric));
            }
            MetricPolicy current = series.policy(metric).orElse(MetricPolicy.KEEP_FOREVER);
            Duration raw = args.options.containsKey("raw") ? ShellArguments.parseDuration(args.options.get("raw"))
                    : current.rawRetention();
            List<Rollup> rollups = args.options.containsKey("rollups") ? parseRollups(args.options.get("rollups"))
                    : current.rollups();
            MetricPolicy policy = new MetricPolicy(raw, rollups);
            series.setPolicy(metric, policy);
            return "ok " + metric + ": " + text(policy);
        });
    }

    /** {@code ts:retention <store>}: runs one retention pass now. */
    public String retention(String store) {
        return run(() -> {
            RetentionResult result = service.forStore(store).applyRetention();
            return "dropped " + result.rawChunks() + " raw and " + result.rollupChunks() + " rollup chunks";
        });
    }

    private static List<Rollup> parseRollups(String text) {
        List<Rollup> rollups = new ArrayList<>();
        if (text.equals("none")) {
            return rollups;
        }
        for (String item : text.split(",")) {
            String[] pair = item.split(":");
            if (pair.length != 2) {
                throw new InvalidArgumentException("'" + item + "' is not width:retention (like 1m:30d)");
            }
            rollups.add(new Rollup(ShellArguments.parseDuration(pair[0]), ShellArguments.parseDuration(pair[1])));
        }
        return rollups;
    }

    private static String text(MetricPolicy policy) {
        return "raw " + (policy.keepsRawForever() ? "forever" : policy.rawRetention().toString()) + ", rollups "
                + (policy.rollups().isEmpty() ? "none" : String.join(", ", policy.rollups().stream()
                        .map(r -> r.width() + " kept " + (r.retention().isZero() ? "forever" : r.retention().toString()))
                        .toList()));
    }

    private static String sampleTable(List<SeriesData> data, String valueHeader) {
        if (data.isEmpty()) {
            return "No points in range.";
        }
        List<List<String>> rows = new ArrayList<>();
        for (SeriesData series : data) {
            for (Sample sample : series.samples()) {
                if (rows.size() == MAX_ROWS) {
                    return table(List.of("SERIES", "TIME", valueHeader), rows) + "\n(first " + MAX_ROWS + " rows)";
                }
                rows.add(List.of(series.series().toString(), Instant.ofEpochMilli(sample.timestamp()).toString(),
                        Double.toString(sample.value())));
            }
        }
        return table(List.of("SERIES", "TIME", valueHeader), rows);
    }

    private static String rollupTable(List<RollupData> data, Aggregation only) {
        if (data.isEmpty()) {
            return "No rollup buckets in range.";
        }
        List<List<String>> rows = new ArrayList<>();
        for (RollupData series : data) {
            for (RollupBucket b : series.buckets()) {
                String time = Instant.ofEpochMilli(b.start()).toString();
                rows.add(only != null ? List.of(series.series().toString(), time, aggregate(b.value(only)))
                        : List.of(series.series().toString(), time, Long.toString(b.count()), aggregate(b.sum()),
                                aggregate(b.min()), aggregate(b.max()), aggregate(b.avg())));
            }
        }
        List<String> header = only != null ? List.of("SERIES", "BUCKET", only.name())
                : List.of("SERIES", "BUCKET", "COUNT", "SUM", "MIN", "MAX", "AVG");
        return table(header, rows);
    }

    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                out.append(cell).append(i == widths.length - 1 ? "" : " ".repeat(widths[i] - cell.length() + 2));
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String aggregations() {
        return String.join("|", java.util.Arrays.stream(Aggregation.values())
                .map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /** A Strata error becomes one line of text; anything else is a bug and reaches Gogo as is. */
    static String run(Supplier<String> command) {
        try {
            return command.get();
        } catch (StorageException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "error: " + message.replaceAll("\\s*\\R\\s*", " ");
        }
    }

    /**
     * An aggregate for a person: sums and averages of binary floating-point values carry representation noise
     * ({@code 0.45999999999999996}), so they are shown to 12 significant digits; raw points print exactly.
     */
    static String aggregate(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String text = new java.math.BigDecimal(value).round(new java.math.MathContext(12)).stripTrailingZeros()
                .toPlainString();
        return text.contains(".") ? text : text + ".0"; // as raw points print: 6.0, not 6

    }
}
