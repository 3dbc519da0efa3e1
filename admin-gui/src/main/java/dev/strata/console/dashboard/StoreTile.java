package dev.strata.console.dashboard;

import dev.strata.console.client.StoreFigures;
import dev.strata.console.shell.Messages;

/**
 * What a store's tile shows, formatted for people, and whether an alert threshold is crossed.
 *
 * @param figures the store's figures
 * @param alert   why the tile is marked, or empty
 * @param hitRate the cache hit rate over the last refresh interval
 */
public record StoreTile(StoreFigures figures, String alert, HitRate hitRate) {

    public String name() {
        return figures.name();
    }

    public String summary() {
        return figures.backend() + " · " + figures.status();
    }

    public String keys() {
        return figures.keys() < 0 ? "–" : Messages.get("tile.keys", figures.keys());
    }

    /** Whether the engine counts its keys (the file engine does not: its tile leaves the count out). */
    public boolean keysTracked() {
        return figures.keys() >= 0;
    }

    public String disk() {
        return Messages.get("tile.disk", Bytes.format(figures.diskBytes()), Bytes.format(figures.walBytes()));
    }

    /** {@code hit rate 93.4% · 120 ops/s}; {@code hit rate —} when the interval had no read (see the tooltip). */
    public String rates() {
        String ops = Double.isNaN(figures.operationsPerSecond()) ? "–"
                : String.format("%,.0f", figures.operationsPerSecond());
        return Messages.get("tile.rates", hitRate.text(), ops);
    }

    public boolean healthy() {
        return figures.status().equals("ONLINE") && alert.isEmpty();
    }
}
