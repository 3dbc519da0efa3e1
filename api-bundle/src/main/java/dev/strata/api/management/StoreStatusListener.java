package dev.strata.api.management;

import dev.strata.api.StoreInfo;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told by core of every change of a store's {@link dev.strata.api.StoreStatus}, as it happens (a whiteboard:
 * register an instance as an OSGi service). Calls come from one core thread, one after another, in the order the
 * changes happened for each store, so a status that lasts a millisecond is still told; a slow listener delays only
 * the listeners, never a store. A listener registered later hears only the changes after it was bound.
 */
@ConsumerType
public interface StoreStatusListener {

    /** The store's status changed (or the store was defined); {@code store} is its view at the change. */
    void statusChanged(StoreInfo store);

    /** The store was removed; {@code lastSeen} is its view just before. No call for it follows. */
    void storeRemoved(StoreInfo lastSeen);
}
