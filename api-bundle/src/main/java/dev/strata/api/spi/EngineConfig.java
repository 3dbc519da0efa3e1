package dev.strata.api.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;

/**
 * Everything a backend needs to open one store.
 *
 * @param storeName     the store's name (for messages and metrics)
 * @param directory     a directory owned by this store alone, created by core; persistent engines keep their files
 *                      here, others may ignore it
 * @param durability    the durability level commits must honour
 * @param properties    the store's whole configuration, including backend-specific keys (read them with the typed
 *                      accessors below)
 */
public record EngineConfig(String storeName, Path directory, Durability durability, Map<String, Object> properties) {

    public EngineConfig {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public String string(String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    /** A number property; accepts numbers and numeric strings, with an optional k/m/g (binary) suffix. */
    public long size(String key, long fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (text.endsWith("b")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.isEmpty()) {
            switch (text.charAt(text.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
            if (unit > 1) {
                text = text.substring(0, text.length() - 1);
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(text.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidArgumentException("store '" + storeName + "': " + key + " must be a size, was '" + value + "'");
        }
    }

    public boolean flag(String key, boolean fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidArgumentException("store '" + storeName + "': " + key + " must be true or false, was '" + value + "'");
    }

    /** A copy with other properties (tests and tools). */
    public EngineConfig with(String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(properties);
        copy.put(key, value);
        return new EngineConfig(storeName, directory, durability, copy);
    }
}
