package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.strata.api.management.JobState;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.connect.ConnectViewModel;
import dev.strata.console.dashboard.Alerts;
import dev.strata.console.dashboard.DashboardViewModel;
import dev.strata.console.dashboard.DashboardViewModel.Chart;
import dev.strata.console.dashboard.TimeWindow;
import dev.strata.console.jobs.JobsViewModel;
import dev.strata.console.shell.Background;

import org.junit.jupiter.api.Test;

/** Every view model against a fake runtime, without the JavaFX toolkit (properties and lists need none). */
class ViewModelTest {

    private final FakeClient client = new FakeClient();
    private final List<String> notices = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void theLoginFormChecksItsInputBeforeCallingAndShowsWhyAConnectionFailed() {
        List<RuntimeClient> connected = new ArrayList<>();
        int[] calls = {0};
        ConnectViewModel form = new ConnectViewModel(settings -> {
            calls[0]++;
            if (!new String(settings.password()).equals("right")) {
                throw new ConsoleException(ConsoleException.Kind.REFUSED, "Login refused: Invalid user name or password");
            }
            return client;
        }, Background.direct(), connected::add);
        form.portProperty().set("99999");
        form.passwordProperty().set("right");
        form.connect();
        assertEquals("The port is a number from 1 to 65535.", form.messageProperty().get());
        form.portProperty().set("9099");
        form.passwordProperty().set("");
        form.connect();
        assertTrue(form.messageProperty().get().startsWith("Enter a user name and its password"));
        assertEquals(0, calls[0], "bad input never reaches the runtime");
        form.passwordProperty().set("wrong");
        form.connect();
        assertEquals("Login refused: Invalid user name or password", form.messageProperty().get());
        assertFalse(form.busyProperty().get());
        assertTrue(connected.isEmpty());
        form.passwordProperty().set("right");
        form.connect();
        assertEquals(List.of(client), connected);
        assertEquals("", form.passwordProperty().get(), "the password is not kept once connected");
    }

    @Test
    void theDashboardFillsChartsFromHistoryThenAppendsAndBoundsThem() {
        client.stores.add(FakeClient.store("files", "ONLINE", 100, 0.9));
        client.now = 4000_000;
        DashboardViewModel dashboard = new DashboardViewModel(client, Background.direct(), notices::add);
        dashboard.refresh(failures::add); // learns the stores, selects the first
        assertEquals("files", dashboard.selectedProperty().get());
        dashboard.refresh(failures::add); // loads the 5-minute history of the selection
        assertEquals(300, dashboard.series(Chart.WAL).size());
        assertTrue(client.historyCalls.contains("files:walBytes:300"));
        client.now += 3000;
        dashboard.refresh(failures::add);
        assertEquals(300, dashboard.series(Chart.WAL).size(), "three new seconds in, three old ones out");
        assertEquals(4003.0, dashboard.series(Chart.WAL).get(299).value());
        assertTrue(client.historyCalls.contains("files:walBytes:5"), "after the first load only the newest seconds");
        dashboard.rangeSecondsProperty().set(3600);
        dashboard.refresh(failures::add);
        assertTrue(dashboard.series(Chart.OPERATIONS).size() <= 600, "an hour is decimated for display");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void everyChartSpansTheSameRangeEvenWhenASeriesHasValuesForOnlyPartOfIt() {
        client.stores.add(FakeClient.store("files", "ONLINE", 100, 0.9));
        client.now = 4000_000;
        client.valuedSeconds.put("cacheHitRate", 30); // the cache saw lookups only in the last 30 s
        client.valuedSeconds.put("getP99Micros", 0); // no gets at all
        DashboardViewModel dashboard = new DashboardViewModel(client, Background.direct(), notices::add);
        dashboard.refresh(failures::add);
        dashboard.refresh(failures::add);
        TimeWindow window = dashboard.windowProperty().get();
        assertEquals(new TimeWindow(4000_000, 300), window, "the runtime's newest sample, five minutes back");
        assertEquals(3700.0, window.lowerSeconds());
        assertEquals(4000.0, window.upperSeconds());
        assertEquals(30, dashboard.series(Chart.HIT_RATE).size());
        assertEquals(0, dashboard.series(Chart.GET_P99).size());
        for (Chart chart : Chart.values()) {
            assertTrue(dashboard.series(chart).stream().allMatch(p -> window.contains(p.time())), chart.name());
        }
        client.now += 2000;
        dashboard.refresh(failures::add);
        assertEquals(new TimeWindow(4002_000, 300), dashboard.windowProperty().get(), "the window moves with time");
        assertEquals(4002_000, dashboard.series(Chart.DISK).get(dashboard.series(Chart.DISK).size() - 1).time());
        assertEquals(3702_000 + 1000, dashboard.series(Chart.DISK).get(0).time(), "points older than the window left");
        dashboard.rangeSecondsProperty().set(3600);
        dashboard.refresh(failures::add);
        assertEquals(3600, dashboard.windowProperty().get().rangeSeconds(), "a new range is every chart's range");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void crossedThresholdsMarkTheTileAndNotifyOnce() {
        client.stores.add(FakeClient.store("files", "ONLINE", 500L << 20, 0.9));
        client.stores.add(FakeClient.store("plugin", "UNAVAILABLE", -1, Double.NaN));
        client.stores.add(FakeClient.store("cold", "ONLINE", 10, 0.2));
        DashboardViewModel dashboard = new DashboardViewModel(client, Background.direct(), notices::add);
        dashboard.alertsProperty().set(new Alerts(256L << 20, 0.5));
        dashboard.refresh(failures::add);
        dashboard.refresh(failures::add);
        assertEquals(List.of("WAL 500.0 MiB above 256.0 MiB",
                "UNAVAILABLE: backend 'file' is not installed", "cache hit rate 20.0% below 50.0%"),
                dashboard.tiles().stream().map(t -> t.alert()).toList());
        assertEquals(3, notices.size(), "one notification per alert, not one per refresh: " + notices);
        assertFalse(dashboard.tiles().get(0).healthy());
    }

    @Test
    void aLostConnectionIsReportedAndChangesNothingShown() {
        client.stores.add(FakeClient.store("files", "ONLINE", 1, 1));
        DashboardViewModel dashboard = new DashboardViewModel(client, Background.direct(), notices::add);
        dashboard.refresh(failures::add);
        client.failNext = new ConsoleException(ConsoleException.Kind.LOST, "The connection to the runtime was lost");
        dashboard.refresh(failures::add);
        assertEquals(List.of("The connection to the runtime was lost"), failures);
        assertEquals(1, dashboard.tiles().size(), "the last good figures stay on screen");
    }

    @Test
    void aMonitorCannotRunJobsAndAnOperatorSeesTheEndOfHisBackup() {
        client.role = "monitor";
        JobsViewModel monitor = new JobsViewModel(client, Background.direct(), notices::add);
        assertFalse(monitor.mayRunJobsProperty().get(), "the role is asked once: the buttons are disabled");

        client.role = "operator";
        JobsViewModel jobs = new JobsViewModel(client, Background.direct(), notices::add);
        assertTrue(jobs.mayRunJobsProperty().get());
        jobs.submitBackup();
        assertEquals("Choose the store to back up.", jobs.messageProperty().get());
        assertTrue(client.backups.isEmpty());
        jobs.backupStoreProperty().set("files");
        jobs.submitBackup();
        assertEquals("files", client.backups.get(0).store());
        assertTrue(client.backups.get(0).testRestore(), "the proof is on by default");
        client.active.add(FakeClient.job("job-1", JobState.RUNNING, ""));
        jobs.refresh(failures::add);
        assertEquals(1, jobs.active().size());
        assertTrue(notices.isEmpty());
        client.active.clear();
        client.ended.add(FakeClient.job("job-1", JobState.FAILED, "disk full"));
        jobs.refresh(failures::add);
        jobs.refresh(failures::add);
        assertEquals(List.of("backup job-1 FAILED: disk full"), notices, "one notification when the job ends");
        assertSame(JobState.FAILED, jobs.history().get(0).state());
    }
}
