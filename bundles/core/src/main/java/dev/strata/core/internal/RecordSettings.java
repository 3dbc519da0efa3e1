package dev.strata.core.internal;

import java.util.Locale;

import dev.strata.api.InvalidArgumentException;

/**
 * The key-value settings core reads from a store's definition.
 *
 * @param defaultTtlMillis {@code ttl.default}: the time to live of a put that names none, a duration such as
 *                         {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} (a bare number is seconds);
 *                         empty or {@code 0} for none
 * @param readCacheBytes   {@code read.cache.size}: bytes of core's read cache in front of the engine
 *                         ({@link dev.strata.core.internal.cache.ReadCache}), with k/m/g suffixes; empty or {@code 0}
 *                         (the default) for none. Not {@code cache.size}: that one is the engine's own cache (the file
 *                         engine's block cache, Xodus's), and the two would double the memory a store takes.
 * @param feedRetain       {@code change.feed.retain}: how many recent commits the change feed keeps
 *                         ({@link ChangeJournal}); empty or {@code 0} (the default): the store keeps no feed
 * @param feedAgeMillis    {@code change.feed.age}: the feed also drops commits older than this duration; empty
 *                         (the default) for no age limit
 */
record RecordSettings(long defaultTtlMillis, long readCacheBytes, long feedRetain, long feedAgeMillis) {

    static RecordSettings from(StoreDefinition definition) {
        Object cache = definition.properties().get("read.cache.size");
        long cacheBytes = cache == null || cache.toString().isBlank() ? 0
                : new dev.strata.api.spi.EngineConfig(definition.name(), java.nio.file.Path.of("."),
                        definition.durability(), definition.properties()).size("read.cache.size", 0);
        if (cacheBytes < 0) {
            throw new InvalidArgumentException("store '" + definition.name() + "': read.cache.size must not be negative");
        }
        return new RecordSettings(millis(definition.name(), "ttl.default", definition.properties().get("ttl.default")),
                cacheBytes, count(definition.name(), "change.feed.retain", definition.properties().get("change.feed.retain")),
                millis(definition.name(), "change.feed.age", definition.properties().get("change.feed.age")));
    }

    static long count(String store, String key, Object value) {
        String text = value == null ? "" : value.toString().trim();
        try {
            long parsed = text.isEmpty() ? 0 : Long.parseLong(text);
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("store '" + store + "': " + key + " must be a count such as 100000, was '"
                    + value + "'");
        }
    }

    static long millis(String store, String key, Object value) {
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return 0;
        }
        long unit = 1000;
        String number = text;
        if (text.endsWith("ms")) {
            unit = 1;
            number = text.substring(0, text.length() - 2);
        } else if ("smhd".indexOf(text.charAt(text.length() - 1)) >= 0) {
            char suffix = text.charAt(text.length() - 1);
            unit = switch (suffix) {
                case 's' -> 1000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                default -> 86_400_000L;
            };
            number = text.substring(0, text.length() - 1);
        }
        try {
            long parsed = Long.parseLong(number.trim());
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return Math.multiplyExact(parsed, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidArgumentException("store '" + store + "': " + key
                    + " must be a duration such as 500ms, 30s, 5m, 1h or 7d, was '" + value + "'");
        }
    }
}
