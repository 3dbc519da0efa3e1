package dev.strata.core.internal;

import java.util.Locale;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;

/**
 * When core checkpoints a store's engine: on an interval, and as soon as the engine's log holds more than a size.
 * Read from the store's definition; a blank or missing value means the default, {@code 0} turns a trigger off.
 *
 * @param checkpointMillis {@code checkpoint.interval}: a duration ({@code 300} seconds, {@code 500ms}, {@code 30s},
 *                         {@code 5m}, {@code 1h}); default {@value #DEFAULT_CHECKPOINT_MILLIS} ms (5 minutes)
 * @param walMaxBytes      {@code wal.max.size}: a size ({@code 131072}, {@code 64k}, {@code 128m}, {@code 1g});
 *                         default {@value #DEFAULT_WAL_MAX_BYTES} (128 MiB), checked every maintenance tick
 */
record MaintenanceSettings(long checkpointMillis, long walMaxBytes) {

    static final long DEFAULT_CHECKPOINT_MILLIS = 300_000;
    static final long DEFAULT_WAL_MAX_BYTES = 128L << 20;

    static MaintenanceSettings from(StoreDefinition definition) {
        Map<String, Object> settings = definition.properties();
        return new MaintenanceSettings(
                duration(definition.name(), "checkpoint.interval", settings.get("checkpoint.interval")),
                size(definition.name(), "wal.max.size", settings.get("wal.max.size")));
    }

    private static long duration(String store, String key, Object value) {
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return DEFAULT_CHECKPOINT_MILLIS;
        }
        long unit = 1000;
        String number = text;
        if (text.endsWith("ms")) {
            unit = 1;
            number = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s") || text.endsWith("m") || text.endsWith("h")) {
            char suffix = text.charAt(text.length() - 1);
            unit = suffix == 's' ? 1000 : suffix == 'm' ? 60_000 : 3_600_000;
            number = text.substring(0, text.length() - 1);
        }
        return multiply(store, key, value, number.trim(), unit);
    }

    private static long size(String store, String key, Object value) {
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return DEFAULT_WAL_MAX_BYTES;
        }
        if (text.endsWith("b")) {
            text = text.substring(0, text.length() - 1);
        }
        long unit = 1;
        char suffix = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        if (suffix == 'k' || suffix == 'm' || suffix == 'g') {
            unit = suffix == 'k' ? 1L << 10 : suffix == 'm' ? 1L << 20 : 1L << 30;
            text = text.substring(0, text.length() - 1);
        }
        return multiply(store, key, value, text.trim(), unit);
    }

    private static long multiply(String store, String key, Object value, String number, long unit) {
        try {
            long parsed = Long.parseLong(number);
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return Math.multiplyExact(parsed, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            String expected = key.startsWith("wal") ? "a size such as 64m or 0 (off)"
                    : "a duration such as 30s, 5m or 0 (off)";
            throw new InvalidArgumentException("store '" + store + "': " + key + " must be " + expected + ", was '"
                    + value + "'");
        }
    }
}
