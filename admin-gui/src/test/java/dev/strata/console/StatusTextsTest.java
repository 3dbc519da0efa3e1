package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import dev.strata.console.client.StoreFigures;
import dev.strata.console.dashboard.Alerts;
import dev.strata.console.shell.Messages;

/** The status bar's and the tiles' alert texts come from the resource bundle, arguments filled in. */
class StatusTextsTest {

    @Test
    void theStatusBarLinesAreTheBundlesWithTheirArguments() {
        String who = Messages.get("status.who", "ops", "operator", "10.0.0.7:9199");
        assertEquals("ops (operator) at 10.0.0.7:9199", who);
        assertEquals("Connected: ops (operator) at 10.0.0.7:9199", Messages.get("status.connected", who));
        assertEquals("Connected: ops (operator) at 10.0.0.7:9199 · refreshed 20:15:03",
                Messages.get("status.refreshed", who, "20:15:03"));
        assertEquals("⚠ Connection to the runtime lost — ops (operator) at 10.0.0.7:9199",
                Messages.get("status.failed", "Connection to the runtime lost", who));
    }

    @Test
    void theAlertsAreTheBundlesTexts() {
        ResourceBundle bundle = Messages.bundle();
        Alerts alerts = new Alerts(1024, 0.5);
        assertEquals(bundle.getString("alert.wal").replace("{0}", "2.0 KiB").replace("{1}", "1.0 KiB"),
                alerts.check(figures("ONLINE", "", 2048, 0.9)));
        assertEquals("cache hit rate 25.0% below 50.0%", alerts.check(figures("ONLINE", "", 0, 0.25)));
        assertEquals("CLOSED", alerts.check(figures("CLOSED", "", 0, 0.9)), "no reason: the status alone");
        assertEquals("UNAVAILABLE: backend 'file' is not installed",
                alerts.check(figures("UNAVAILABLE", "backend 'file' is not installed", 0, 0.9)));
        assertEquals("", alerts.check(figures("ONLINE", "", 10, 0.9)));
    }

    private static StoreFigures figures(String status, String message, long wal, double hitRate) {
        return new StoreFigures("s", "file", status, message, 1, 1, wal, 0, 0, hitRate, 0, 0);
    }
}
