package dev.strata.core.internal;

/** Where store configurations take effect; implemented by {@link StorageServiceComponent}. */
public interface StoreRegistry {

    /**
     * Adds a store and opens it when its backend is installed.
     *
     * @throws dev.strata.api.InvalidArgumentException when another configuration already defines the name
     */
    void define(StoreDefinition definition);

    /** Closes the store (when open) and forgets it. Its data stays on disk. */
    void remove(String name);
}
