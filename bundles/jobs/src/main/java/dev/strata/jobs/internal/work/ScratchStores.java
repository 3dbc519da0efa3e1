package dev.strata.jobs.internal.work;

import dev.strata.api.Store;

/** Short-lived in-memory stores for test restores (defined through ConfigAdmin in the runtime). */
public interface ScratchStores {

    /**
     * Defines an empty memory store and waits until it is online.
     *
     * @throws dev.strata.api.StoreUnavailableException when it cannot be made (no ConfigAdmin, no memory backend)
     */
    Store create(String name);

    /** Removes the store's definition (its data goes with it: it lived in memory). */
    void drop(String name);
}
