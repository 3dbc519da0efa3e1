package dev.strata.timeseries.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;

import dev.strata.api.NotFoundException;
import dev.strata.api.Store;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.api.timeseries.TimeSeriesService;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesCommandsTest {

    static final long NOW = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    @TempDir
    Path directory;
    private ManagedStore store;
    private TimeSeriesCommands ts;

    @BeforeEach
    void open() {
        store = Engines.open("memory", directory);
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(NOW));
        TimeSeriesService service = new TimeSeriesService() {
            @Override
            public TimeSeries forStore(Store s) {
                return new StoreTimeSeries(s, clock);
            }

            @Override
            public TimeSeries forStore(String name) {
                if (!name.equals(store.name())) {
                    throw new NotFoundException("No store named '" + name + "'");
                }
                return forStore(store);
            }
        };
        ts = new TimeSeriesCommands(service, clock);
    }

    @AfterEach
    void close() {
        Engines.close(store);
    }

    @Test
    void appendQueryAggregateLatestAndSeries() {
        String name = store.name();
        assertEquals("ok cpu{host=a} 2026-12-01T09:58:00Z 1.0", ts.append(name, "cpu", "1", "host=a", "@-2m"));
        ts.append(name, "cpu", "3", "host=a", "@2026-12-01T09:58:30Z");
        ts.append(name, "cpu", "5", "host=a", "@-1m");
        ts.append(name, "cpu", "7", "host=b");
        assertEquals("""
                SERIES       TIME                  AVG
                cpu{host=a}  2026-12-01T09:58:00Z  2.0
                cpu{host=a}  2026-12-01T09:59:00Z  5.0""",
                ts.query(name, "cpu", "host=a", "--agg=avg", "--bucket=1m", "--from=-10m"));
        String raw = ts.query(name, "cpu", "host=a,b");
        assertEquals(5, raw.lines().count(), raw);
        assertTrue(ts.query(name, "cpu", "host=~b").contains("7.0"));
        String latest = ts.latest(name, "cpu");
        assertTrue(latest.contains("cpu{host=a}  2026-12-01T09:59:00Z  5.0"), latest);
        assertTrue(latest.contains("cpu{host=b}  2026-12-01T10:00:00Z  7.0"), latest);
        assertEquals("cpu", ts.series(name));
        assertEquals("cpu{host=a}\ncpu{host=b}", ts.series(name, "cpu"));
        assertEquals("cpu{host=b}", ts.series(name, "cpu", "host=b"));
    }

    @Test
    void policyRollupsAndRetentionFromTheShell() {
        String name = store.name();
        assertEquals("ok cpu: raw PT168H, rollups PT1M kept forever",
                ts.policy(name, "cpu", "--raw=7d", "--rollups=1m:0"));
        ts.append(name, "cpu", "2", "@-30s");
        ts.append(name, "cpu", "4", "@-20s");
        String rollup = ts.query(name, "cpu", "--rollup=1m");
        assertTrue(rollup.contains("2026-12-01T09:59:00Z  2      6.0  2.0  4.0  3.0"), rollup);
        assertEquals("dropped 0 raw and 0 rollup chunks", ts.retention(name));
        assertEquals("raw PT168H, rollups PT1M kept forever", ts.policy(name, "cpu"));
    }

    @Test
    void aggregatesAreShownWithoutFloatingPointNoise() {
        assertEquals("0.46", TimeSeriesCommands.aggregate(0.45999999999999996));
        assertEquals("0.3", TimeSeriesCommands.aggregate(0.1 + 0.2));
        assertEquals("0.1", TimeSeriesCommands.aggregate(0.1));
        assertEquals("1234567.125", TimeSeriesCommands.aggregate(1234567.125));
        assertEquals("-3.0", TimeSeriesCommands.aggregate(-3.0));
        assertEquals("NaN", TimeSeriesCommands.aggregate(Double.NaN));
    }

    @Test
    void badInputIsAOneLineError() {
        String name = store.name();
        assertEquals("error: 'abc' is not a number", ts.append(name, "cpu", "abc"));
        assertEquals("error: 'host' is not tag=value (or an --option=value)", ts.append(name, "cpu", "1", "host"));
        assertTrue(ts.append(name, "9cpu", "1").startsWith("error: bad metric name '9cpu'"));
        assertEquals("error: No store named 'nope'", ts.query("nope", "cpu"));
        assertTrue(ts.query(name, "cpu", "--agg=median", "--bucket=1m").startsWith("error: unknown aggregation "
                + "'median': use one of min, max, avg"));
        assertTrue(ts.query(name, "cpu", "--agg=avg").startsWith("error: aggregating needs both"));
        assertTrue(ts.query(name, "cpu", "--bucket=1m", "--agg=avg", "--from=yesterday")
                .startsWith("error: 'yesterday' is not a time"));
        assertTrue(ts.query(name, "cpu", "--limit=3").startsWith("error: unknown option --limit"));
        assertTrue(ts.query(name, "cpu", "--agg=sum", "--bucket=0s").startsWith("error: bucket width must be positive"));
        assertTrue(ts.query(name, "cpu", "host=~[").startsWith("error: bad regular expression for tag 'host'"));
        assertTrue(ts.query(name, "cpu", "--rollup=1m").startsWith("error: metric 'cpu' has no rollup of PT1M"));
        assertTrue(ts.policy(name, "cpu", "--rollups=7m:1d").startsWith("error: rollup width must be whole"));
        assertTrue(ts.query(name, "cpu", "--from=now", "--to=-1h").startsWith("error: query range is empty"));
        assertEquals("No points in range.", ts.query(name, "cpu"));
        for (String line : new String[] {ts.append(name, "cpu", "x"), ts.query("nope", "cpu")}) {
            assertEquals(1, line.lines().count());
        }
    }
}
