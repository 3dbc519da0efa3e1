package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;

/**
 * A validated store definition.
 *
 * @param name       unique store name, also its directory name unless {@value #DATA_DIR} names another
 * @param backend    the backend type it needs
 * @param durability when commits count as done
 * @param properties every setting, for the backend (framework bookkeeping keys removed)
 */
public record StoreDefinition(String name, String backend, Durability durability, Map<String, Object> properties) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Setting naming the store's data directory: relative to the data root, or absolute; absent means the store's
     * name. A store can so be defined again on another engine over another directory under the same name (an
     * in-place engine migration), while its old directory is kept.
     */
    public static final String DATA_DIR = "data.dir";

    /**
     * Setting that opens the store refusing every write ({@code true}): the engine stays open for reads and the
     * store shows READ_ONLY with the reason. Redefining a store read-only closes its writable engine after the
     * work inside it, so once the store is back READ_ONLY no write can still reach its data (a write freeze).
     */
    public static final String READ_ONLY = "read.only";

    /**
     * Settings core reads itself (and the management bundle's {@code health.*} thresholds): never handed to the
     * backend, whose typed configuration refuses keys it does not know.
     */
    static final java.util.Set<String> CORE_ONLY = java.util.Set.of(DATA_DIR, READ_ONLY, "metrics",
            "ttl.default", "read.cache.size", "change.feed.retain", "change.feed.age");
    private static final String HEALTH_PREFIX = "health.";

    /** The settings for the backend: every setting but those only core and the management bundle read. */
    public Map<String, Object> engineProperties() {
        Map<String, Object> forEngine = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!CORE_ONLY.contains(key) && !key.startsWith(HEALTH_PREFIX)) {
                forEngine.put(key, value);
            }
        });
        return Map.copyOf(forEngine);
    }

    public StoreDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("store name '" + name
                    + "' is invalid: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (backend == null || backend.isBlank()) {
            throw new InvalidArgumentException("store '" + name + "' names no backend");
        }
        if (durability == null) {
            throw new InvalidArgumentException("store '" + name + "' has no durability");
        }
        properties = Map.copyOf(properties);
        readOnly(name, properties); // a bad flag is refused with the definition, not at the first open
    }

    /** Reads a definition from configuration properties (ConfigAdmin's, or a plain map in tests). */
    public static StoreDefinition from(Map<String, ?> config) {
        Map<String, Object> settings = new HashMap<>();
        config.forEach((key, value) -> {
            if (value != null && !isBookkeeping(key)) {
                settings.put(key, value);
            }
        });
        String name = text(settings.get("name"));
        return new StoreDefinition(name, text(settings.get("backend")),
                durability(name, text(settings.get("durability"))), settings);
    }

    public static StoreDefinition from(Dictionary<String, ?> config) {
        Map<String, Object> copy = new HashMap<>();
        for (Enumeration<String> keys = config.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            copy.put(key, config.get(key));
        }
        return from(copy);
    }

    /** Where the store keeps its data: {@value #DATA_DIR} resolved against the data root, or the store's name. */
    public Path directoryIn(Path dataRoot) {
        String configured = text(properties.get(DATA_DIR));
        return configured == null || configured.isEmpty() ? dataRoot.resolve(name) : dataRoot.resolve(configured);
    }

    /** Whether the definition says {@value #READ_ONLY}. */
    public boolean readOnly() {
        return readOnly(name, properties);
    }

    private static boolean readOnly(String name, Map<String, Object> properties) {
        String value = text(properties.get(READ_ONLY));
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidArgumentException("store '" + name + "': " + READ_ONLY + " must be true or false, was '"
                + value + "'");
    }

    static Durability durability(String store, String value) {
        if (value == null || value.isBlank()) {
            return Durability.OS;
        }
        try {
            return Durability.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("store '" + store + "': durability must be none, os or fsync, was '"
                    + value + "'");
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString().trim();
    }

    /**
     * Keys that ConfigAdmin, File Install and DS add, which mean nothing to a backend (DS 1.5 adds
     * {@code osgi.ds.satisfying.condition.target} to every component's properties).
     */
    private static boolean isBookkeeping(String key) {
        return key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
                || key.startsWith("osgi.")
                || key.equals("objectClass");
    }
}
