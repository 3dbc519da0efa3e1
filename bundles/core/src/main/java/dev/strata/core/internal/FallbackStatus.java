package dev.strata.core.internal;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.core.internal.fallback.FallbackRoute;

/** How a store on its fallback shows in {@code strata:stores}, health and JMX: FALLBACK with the journal's size. */
final class FallbackStatus {

    private FallbackStatus() {
    }

    /**
     * @param engineStatus  what the store's own engine shows
     * @param engineMessage and why
     */
    static StoreInfo of(ManagedStore store, FallbackRoute route, StoreStatus engineStatus, String engineMessage) {
        long journal = journalSize(route);
        String fallback = route.journal().fallbackStore();
        boolean down = store.engineDown();
        StoreStatus status = StoreStatus.FALLBACK;
        String message;
        if (journal < 0) {
            status = down ? engineStatus : StoreStatus.FALLBACK;
            message = "its fallback store '" + fallback + "' cannot be read: writes are refused ("
                    + (down ? engineMessage : "journal to replay") + ")";
        } else {
            message = "writes go to fallback store '" + fallback + "': " + journal + " journaled commit(s) to replay; "
                    + (down ? engineMessage : route.replaying() ? "replaying into its engine"
                    : "its engine is back, the replay starts shortly");
        }
        return new StoreInfo(store.name(), store.definition().backend(), status, store.definition().durability(),
                message);
    }

    /** The journal's size, or -1 when the fallback store cannot be read now. */
    static long journalSize(FallbackRoute route) {
        try {
            return route.journal().reachable() ? route.journal().pending() : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
