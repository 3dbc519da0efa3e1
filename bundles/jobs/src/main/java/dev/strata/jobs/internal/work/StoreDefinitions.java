package dev.strata.jobs.internal.work;

import java.util.Map;

import dev.strata.api.Store;

/**
 * Store definitions as an operator writes them (the runtime's ConfigAdmin factory configurations of
 * {@code dev.strata.store}), for the one job that changes them: moving a store to another engine in place. Every
 * value is text, as in a {@code deploy/*.config} file.
 */
public interface StoreDefinitions {

    /** The setting that names a store's data directory (relative to the data root); absent: the store's name. */
    String DATA_DIR = "data.dir";
    /** The setting that makes core open a store refusing writes. */
    String READ_ONLY = "read.only";

    /**
     * The store's definition: name, backend and every setting.
     *
     * @throws dev.strata.api.NotFoundException when no definition has that name
     */
    Map<String, String> definition(String store);

    /**
     * Replaces the store's definition with {@code definition} in one step, and waits until core serves the store
     * under it (a new store object, ONLINE or READ_ONLY). Core closes the old engine after the work inside it first.
     *
     * @return the store as it is defined now
     * @throws dev.strata.api.StoreUnavailableException when it does not serve within the wait
     */
    Store redefine(String store, Map<String, String> definition);

    /** Defines a new store and waits until it serves (a migration's target while it is filled). */
    Store define(Map<String, String> definition);

    /** Removes a definition this job made with {@link #define}; its files stay. */
    void remove(String store);

    /** The data directory a definition names, relative to the data root. */
    static String directoryOf(Map<String, String> definition) {
        String dir = definition.get(DATA_DIR);
        return dir == null || dir.isBlank() ? definition.get("name") : dir.trim();
    }
}
