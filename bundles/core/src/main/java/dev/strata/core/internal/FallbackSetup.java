package dev.strata.core.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.fallback.FallbackJournal;
import dev.strata.core.internal.fallback.FallbackRoute;

/** Gives a store that names {@code fallback.store} its route, with the journal in that store's engine. */
final class FallbackSetup {

    private FallbackSetup() {
    }

    /** @param stores finds a defined store by name (the fallback is looked up at each use: it may be redefined) */
    static void wire(ManagedStore store, Function<String, Optional<ManagedStore>> stores, Clock clock) {
        Optional<String> name = store.definition().fallbackStore();
        if (name.isEmpty()) {
            return;
        }
        String fallback = name.get();
        FallbackJournal.EngineAccess access = new FallbackJournal.EngineAccess() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T call(Function<StorageEngine, T> work) {
                ManagedStore target = stores.apply(fallback).orElseThrow(() -> new StoreUnavailableException(
                        "store '" + store.name() + "': its fallback store '" + fallback + "' is not defined"));
                Object[] result = new Object[1];
                target.maintain(engine -> result[0] = work.apply(engine)); // inside the fallback: its close waits
                return (T) result[0];
            }
        };
        store.fallback = new FallbackRoute(store.name(), new FallbackJournal(store.name(), fallback, access),
                store::engineDown, store::directGet, clock::millis);
        store.fallback.whenModeChanges(store.statusWatch()::check);
    }

    /**
     * Replays the store's journal into its own engine.
     *
     * @throws dev.strata.api.InvalidArgumentException when the store names no fallback store
     */
    static String replay(ManagedStore store, dev.strata.api.management.StoreFallback.Progress progress) {
        FallbackRoute route = store.fallback;
        if (route == null) {
            throw new dev.strata.api.InvalidArgumentException("store '" + store.name() + "' names no fallback store ("
                    + StoreDefinition.FALLBACK_STORE + ")");
        }
        return route.replay(new PrimaryReplay(store, route.journal().fallbackStore(), Clock.systemUTC()), progress);
    }
}
