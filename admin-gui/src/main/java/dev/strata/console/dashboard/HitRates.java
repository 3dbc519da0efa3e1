package dev.strata.console.dashboard;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.strata.console.client.StoreFigures;

/**
 * Turns each refresh's readings of the stores' cache counters (since each store opened) into the hit rate over the
 * interval since the previous refresh: the runtime's own figure is since the store opened, which barely moves
 * after a day and says nothing about an idle store.
 */
final class HitRates {

    private final Map<String, long[]> last = new HashMap<>();

    /** The rate since this store's previous reading; remembers this reading for the next one. */
    HitRate next(StoreFigures figures) {
        long[] before = last.getOrDefault(figures.name(), new long[] {-1, -1});
        last.put(figures.name(), new long[] {figures.cacheHits(), figures.cacheMisses()});
        return HitRate.between(before[0], before[1], figures.cacheHits(), figures.cacheMisses());
    }

    /** Forgets the stores that are gone (a store defined again under the name starts afresh). */
    void retain(Collection<String> stores) {
        last.keySet().retainAll(stores);
    }
}
