package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.StoreStatus;
import dev.strata.api.timeseries.Aggregation;
import dev.strata.api.timeseries.MetricPolicy;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.Rollup;
import dev.strata.api.timeseries.Sample;
import dev.strata.api.timeseries.SeriesQuery;
import dev.strata.api.timeseries.TagFilter;
import dev.strata.api.timeseries.TimeSeries;
import dev.strata.api.timeseries.TimeSeriesService;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The time-series bundle in the assembled runtime: its service is registered and works, through the public API
 * only, on each shipped store (memory, file, Xodus).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TimeSeriesIT {

    @Inject
    private StorageService storage;

    /** Injected once the time-series bundle's component is active. */
    @Inject
    private TimeSeriesService timeSeries;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(TimeSeriesIT.class);
    }

    @Test
    public void appendsQueriesAndRollsUpOnEveryShippedStore() {
        long t0 = 1_796_083_200_000L; // 2026-12-01T00:00:00Z
        for (String name : new String[] {"default", "files", "xodus"}) {
            Stores.awaitStatus(storage, name, StoreStatus.ONLINE);
            TimeSeries ts = timeSeries.forStore(name);
            ts.setPolicy("it.load", MetricPolicy.retainFor(Duration.ZERO, Rollup.of(Duration.ofMinutes(1),
                    Duration.ZERO)));
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                points.add(Point.of("it.load", t0 + 10_000L * i, i, "host", "h" + (i % 2)));
            }
            ts.append(points);
            SeriesQuery query = SeriesQuery.of("it.load", t0, t0 + 120_000).where(TagFilter.equalTo("host", "h0"));
            assertEquals(name, List.of(new Sample(t0, 2), new Sample(t0 + 60_000, 8)),
                    ts.aggregate(query, Aggregation.AVG, Duration.ofMinutes(1)).get(0).samples());
            assertEquals(name, 3, ts.rollups(query, Duration.ofMinutes(1)).get(0).buckets().get(0).count());
            assertEquals(name, 2, ts.latest("it.load", List.of()).size());
            assertTrue(name, ts.metrics().contains("it.load"));
        }
    }
}
