package dev.strata.console.dashboard;

import dev.strata.console.shell.Messages;

/**
 * A store's cache hit rate over the last refresh interval, from two readings of its hit and miss counters, and what
 * its tile says about it: the rate, or "—" with why there is none.
 *
 * @param rate   hits over lookups in the interval, 0 to 1; {@code NaN} when there is none
 * @param hits   cache hits in the interval ({@code -1}: not known)
 * @param misses cache misses in the interval ({@code -1}: not known)
 * @param why    the resource key saying why there is no rate; empty when there is one
 */
public record HitRate(double rate, long hits, long misses, String why) {

    /** The first reading of a store (or the first after it reopened and its counters restarted). */
    public static final HitRate MEASURING = new HitRate(Double.NaN, -1, -1, "tile.hitRate.measuring");
    /** An engine that reports no cache counters. */
    public static final HitRate NO_CACHE = new HitRate(Double.NaN, -1, -1, "tile.hitRate.noCache");

    /** The rate between an earlier and a later reading of the counters since the store opened. */
    public static HitRate between(long hitsBefore, long missesBefore, long hitsNow, long missesNow) {
        if (hitsNow < 0 || missesNow < 0) {
            return NO_CACHE;
        }
        long hits = hitsNow - hitsBefore;
        long misses = missesNow - missesBefore;
        if (hitsBefore < 0 || missesBefore < 0 || hits < 0 || misses < 0) {
            return MEASURING; // no earlier reading, or the counters restarted (the store was reopened)
        }
        if (hits + misses == 0) {
            return new HitRate(Double.NaN, 0, 0, "tile.hitRate.noReads");
        }
        return new HitRate((double) hits / (hits + misses), hits, misses, "");
    }

    /** {@code 93.4%}, or {@code —} when there was no lookup to count. */
    public String text() {
        return Double.isNaN(rate) ? "—" : String.format("%.1f%%", rate * 100);
    }

    /** The tile's tooltip on the rate: how many hits and misses it is made of, or why there is no rate. */
    public String explanation() {
        return why.isEmpty() ? Messages.get("tile.hitRate.counts", hits, misses) : Messages.get(why);
    }
}
