package dev.strata.core.internal;

import dev.strata.api.StoreMetrics;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.core.internal.metrics.StoreMeter;

/** The engine's figures and core's measurements, as the client API shows them. */
final class StoreFigures {

    private StoreFigures() {
    }

    /** The figures core keeps itself: the expiry purge's, change events', the fallback journal's size. */
    static java.util.Map<String, Number> core(ExpiryPurge purge, ChangeFeed changes, ChangeJournal journal,
            dev.strata.core.internal.fallback.FallbackRoute fallback, ValueRecords records) {
        java.util.Map<String, Number> figures = new java.util.HashMap<>(java.util.Map.of("ttl.purged",
                purge.purged(), "ttl.pending", purge.pending(), "ttl.purgeConflicts", purge.conflicts(),
                "events.delivered", changes.dispatcher().delivered(), "events.dropped", changes.dispatcher().dropped(),
                "events.listenerErrors", changes.hub().listenerErrors(), "changes.held", journal.held(),
                "changes.trimmed", journal.trimmed()));
        figures.put("format.upgrading", records.upgrading() ? 1 : 0); // the online format upgrade (StoreFormat)
        figures.put("format.upgraded", records.upgrade().upgraded());
        figures.put("format.upgradeConflicts", records.upgrade().conflicts());
        if (fallback != null) {
            figures.put("fallback.journal", FallbackStatus.journalSize(fallback));
        }
        return figures;
    }

    /** {@code coreExtra}: figures core keeps itself (expiry purge, read cache), added to the engine's extras. */
    static StoreMetrics of(EngineMetrics engine, StoreMeter meter, java.util.Map<String, Number> coreExtra,
            int markers) {
        java.util.Map<String, Number> extra = new java.util.HashMap<>(engine.extra());
        extra.putAll(coreExtra);
        // a store holds up to two records of core's that are no keys of the user's: its format marker (StoreFormat)
        // and its tag index marker (TagIndexBuild); entries of the expiry and tag indexes and of the change feed are
        // counted as the engine counts them
        long keys = engine.keys() >= markers ? engine.keys() - markers : engine.keys();
        return new StoreMetrics(keys, engine.memoryBytes(), engine.diskBytes(), engine.walBytes(),
                engine.cacheHits(), engine.cacheMisses(), engine.compactionState(), extra,
                meter.operations(), meter.conflicts(), meter.errors(), System.currentTimeMillis());
    }
}
