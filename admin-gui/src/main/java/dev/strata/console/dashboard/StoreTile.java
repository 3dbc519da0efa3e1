package dev.strata.console.dashboard;

import dev.strata.console.client.StoreFigures;

/**
 * What a store's tile shows, formatted for people, and whether an alert threshold is crossed.
 *
 * @param figures the store's figures
 * @param alert   why the tile is marked, or empty
 */
public record StoreTile(StoreFigures figures, String alert) {

    public String name() {
        return figures.name();
    }

    public String summary() {
        return figures.backend() + " · " + figures.status();
    }

    public String keys() {
        return figures.keys() < 0 ? "–" : String.format("%,d keys", figures.keys());
    }

    /** Whether the engine counts its keys (the file engine does not: its tile leaves the count out). */
    public boolean keysTracked() {
        return figures.keys() >= 0;
    }

    public String disk() {
        return "disk " + Bytes.format(figures.diskBytes()) + " · WAL " + Bytes.format(figures.walBytes());
    }

    public String rates() {
        String hit = Double.isNaN(figures.cacheHitRate()) ? "–" : String.format("%.1f%%", figures.cacheHitRate() * 100);
        String ops = Double.isNaN(figures.operationsPerSecond()) ? "–" : String.format("%,.0f", figures.operationsPerSecond());
        return "hit rate " + hit + " · " + ops + " ops/s";
    }

    public boolean healthy() {
        return figures.status().equals("ONLINE") && alert.isEmpty();
    }
}
