package dev.strata.api.management;

import java.util.Map;

/**
 * The runtime ({@code dev.strata:type=Runtime}): its stores, backends and bundles. Reading needs role
 * {@code monitor}; defining and removing stores and installing or removing bundles need role {@code admin}.
 */
public interface StrataRuntimeMXBean {

    /** The names of every defined store, sorted. */
    String[] getStores();

    /**
     * Every store's headline figures in one call, sorted by name: what a console refreshing each second would otherwise
     * read with one call per store. A store removed while they are gathered is left out.
     */
    StoreSummary[] getStoreSummaries();

    /** One line per installed backend: {@code type bundle version}. */
    String[] getBackends();

    /** One line per bundle: {@code id symbolic-name version state}. */
    String[] getBundles();

    /**
     * Defines a store (a ConfigAdmin factory configuration of PID {@code dev.strata.store}).
     *
     * @param settings every other store setting ({@code durability}, backend-specific keys)
     */
    void defineStore(String name, String backend, Map<String, String> settings);

    /** Removes a store's definition; its data stays on disk. */
    void removeStore(String name);

    /** Installs and starts a bundle from a location (a {@code file:} URL); returns its bundle id. */
    long installBundle(String location);

    void uninstallBundle(long bundleId);

    /**
     * The form for defining a store on a backend: core's store settings followed by the backend's own, from their
     * metatype (role {@code monitor}).
     *
     * @throws IllegalArgumentException (as the JMX error) when no backend of that type is installed
     */
    SettingInfo[] getStoreForm(String backend);

    /** A store's definition as it is configured: {@code backend} and every setting (secrets masked as {@code ****}). */
    Map<String, String> getStoreDefinition(String name);

    /**
     * Changes a store's settings (the ConfigAdmin configuration is updated; core reopens the store with them).
     * Settings not named keep their value; a setting given an empty value is removed. Role {@code admin}.
     */
    void changeStore(String name, Map<String, String> settings);
}
