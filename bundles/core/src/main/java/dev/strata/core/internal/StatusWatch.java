package dev.strata.core.internal;

import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;

/**
 * One store's last told status. Core calls {@link #check} right after each thing a status is made of changes (its
 * engine opened or closed, opening began or ended, the engine's availability answer, the fallback journal's mode,
 * and the availability timer, which also notices an engine that went read-only), so each change is told once, at
 * once, in order: the check and the hand-over to the {@link StatusHub} happen under this watch's monitor.
 * <p>
 * Lock order: the watch's monitor is taken last. {@link ManagedStore#info()} takes only short monitors of its own
 * (opening state, fallback settle), and none of those call back here while held.
 */
final class StatusWatch {

    private final ManagedStore store;
    private volatile StatusHub hub = StatusHub.NONE;
    private StoreStatus told;
    private boolean removed;

    StatusWatch(ManagedStore store) {
        this.store = store;
    }

    /** Where the store's changes go from now on (its catalog's hub). */
    void hub(StatusHub statusHub) {
        this.hub = statusHub;
    }

    /** Tells the hub when the store's status differs from the last one told (or none was told yet). */
    synchronized void check() {
        if (removed) {
            return;
        }
        StoreInfo info;
        try {
            info = store.info();
        } catch (RuntimeException e) {
            return; // the status cannot be read now; the next check tells it
        }
        if (info.status() != told) {
            told = info.status();
            hub.post(info, false);
        }
    }

    /** The store was removed: tells the hub once, and nothing after. */
    synchronized void removed() {
        if (removed) {
            return;
        }
        removed = true;
        StoreInfo last = store.info();
        hub.post(new StoreInfo(last.name(), last.backend(), last.status(), last.durability(),
                "store '" + last.name() + "' was removed"), true);
    }
}
