package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strata.console.dashboard.DashboardViewModel;
import dev.strata.console.dashboard.StoreTile;
import dev.strata.console.shell.Background;

/** The tiles' cache hit rate: over the last refresh interval, and a clear "—" with its reason when there is none. */
class HitRateTest {

    private final FakeClient client = new FakeClient();
    private final List<String> failures = new ArrayList<>();

    private StoreTile tile(DashboardViewModel dashboard, String store) {
        return dashboard.tiles().stream().filter(t -> t.name().equals(store)).findFirst().orElseThrow();
    }

    @Test
    void aTileShowsTheRateOfTheLastIntervalNotSinceTheStoreOpened() {
        client.stores.add(FakeClient.store("files", "ONLINE", 1, 0.9)); // 900 hits, 100 misses since it opened
        DashboardViewModel dashboard = new DashboardViewModel(client, Background.direct(), s -> { });
        dashboard.refresh(failures::add);
        assertEquals("hit rate — · 5 ops/s", tile(dashboard, "files").rates(), "one reading: no interval yet");
        assertEquals("Measuring: the hit rate over the last interval shows from the next refresh.",
                tile(dashboard, "files").hitRate().explanation());

        client.read("files", 30, 10);
        dashboard.refresh(failures::add);
        assertEquals("hit rate 75.0% · 5 ops/s", tile(dashboard, "files").rates(),
                "30 of 40 lookups in the interval (since open it is 930 of 1,040: 89.4%)");
        assertEquals("Over the last interval: 30 hits, 10 misses.", tile(dashboard, "files").hitRate().explanation());

        client.read("files", 0, 4);
        dashboard.refresh(failures::add);
        assertEquals("hit rate 0.0% · 5 ops/s", tile(dashboard, "files").rates(), "only misses: 0 %, not nothing");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void anIdleStoreAStoreWithoutACacheAndAReopenedStoreShowADashWithWhy() {
        client.stores.add(FakeClient.store("idle", "ONLINE", 1, 0.5));
        client.stores.add(FakeClient.store("plain", "ONLINE", 1, Double.NaN)); // an engine without cache counters
        client.stores.add(FakeClient.store("reopened", "ONLINE", 1, 0.5));
        DashboardViewModel dashboard = new DashboardViewModel(client, Background.direct(), s -> { });
        dashboard.refresh(failures::add);
        client.reopened("reopened", 2, 0); // closed and opened again: its counters restarted below the last reading
        dashboard.refresh(failures::add);

        assertEquals("hit rate — · 5 ops/s", tile(dashboard, "idle").rates());
        assertEquals("No reads in the last interval: no hit rate to show.", tile(dashboard, "idle").hitRate().explanation());
        assertEquals("—", tile(dashboard, "plain").hitRate().text());
        assertEquals("This engine reports no cache: no hit rate to show.", tile(dashboard, "plain").hitRate().explanation());
        assertEquals("—", tile(dashboard, "reopened").hitRate().text(), "a restart is no negative interval");
        assertTrue(tile(dashboard, "reopened").hitRate().explanation().startsWith("Measuring"));

        client.read("reopened", 3, 1);
        dashboard.refresh(failures::add);
        assertEquals("75.0%", tile(dashboard, "reopened").hitRate().text(), "measured again from the restart");
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
