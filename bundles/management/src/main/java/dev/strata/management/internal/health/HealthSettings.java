package dev.strata.management.internal.health;

import java.util.Locale;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;

/**
 * A store's health thresholds, read from its definition (the store's configuration); blank or missing means the
 * default, {@code 0} turns a rule off.
 *
 * @param diskMinFreeBytes    {@code health.disk.min.free} as a size ({@code 1g}); -1 when given as a fraction
 * @param diskMinFreeFraction {@code health.disk.min.free} as a percentage ({@code 5%}); -1 when given as a size.
 *                            Default: the smaller of 5% of the volume and 1 GiB
 * @param walMaxBytes         {@code health.wal.max}: default twice {@code wal.max.size} (whose default is 128 MiB)
 * @param errorsPerSecondMax  {@code health.errors.max}: failed operations per second, averaged over the last minute;
 *                            default {@value #DEFAULT_ERRORS_PER_SECOND}
 * @param latencyMaxMicros    {@code health.latency.max}: p99 of gets and commits, worst second of the last minute, in
 *                            ms in the setting; default {@value #DEFAULT_LATENCY_MILLIS} ms
 * @param poolWaitingMax      {@code health.pool.waiting.max}: threads waiting for a database connection (engines
 *                            with a pool report {@code poolWaiting}); default 0, so any waiter counts
 */
public record HealthSettings(long diskMinFreeBytes, double diskMinFreeFraction, long walMaxBytes,
        double errorsPerSecondMax, double latencyMaxMicros, long poolWaitingMax) {

    static final long DEFAULT_DISK_MIN_FREE_BYTES = 1L << 30;
    static final double DEFAULT_DISK_MIN_FREE_FRACTION = 0.05;
    static final long DEFAULT_WAL_MAX_SIZE = 128L << 20;
    static final double DEFAULT_ERRORS_PER_SECOND = 1.0;
    static final long DEFAULT_LATENCY_MILLIS = 1_000;

    public static final HealthSettings DEFAULTS = from("store", Map.of());

    /** Reads the thresholds from a store's settings; a malformed value is refused with the key and the value. */
    public static HealthSettings from(String store, Map<String, ?> settings) {
        String disk = text(settings.get("health.disk.min.free"));
        long diskBytes = -1;
        double diskFraction = -1;
        if (disk.isEmpty()) {
            diskBytes = DEFAULT_DISK_MIN_FREE_BYTES;
            diskFraction = DEFAULT_DISK_MIN_FREE_FRACTION;
        } else if (disk.endsWith("%")) {
            diskFraction = number(store, "health.disk.min.free", disk.substring(0, disk.length() - 1)) / 100.0;
        } else {
            diskBytes = size(store, "health.disk.min.free", disk);
        }
        String walSetting = text(settings.get("health.wal.max"));
        long wal = walSetting.isEmpty() ? 2 * walMaxSize(store, text(settings.get("wal.max.size")))
                : size(store, "health.wal.max", walSetting);
        String errors = text(settings.get("health.errors.max"));
        String latency = text(settings.get("health.latency.max"));
        String pool = text(settings.get("health.pool.waiting.max"));
        return new HealthSettings(diskBytes, diskFraction, wal,
                errors.isEmpty() ? DEFAULT_ERRORS_PER_SECOND : number(store, "health.errors.max", errors),
                1000.0 * (latency.isEmpty() ? DEFAULT_LATENCY_MILLIS : number(store, "health.latency.max",
                        latency.endsWith("ms") ? latency.substring(0, latency.length() - 2) : latency)),
                pool.isEmpty() ? 0 : (long) number(store, "health.pool.waiting.max", pool));
    }

    /** The free space below which the disk counts as nearly full, for a volume of {@code totalBytes}. */
    long diskThreshold(long totalBytes) {
        long byFraction = diskMinFreeFraction < 0 ? Long.MAX_VALUE : (long) (totalBytes * diskMinFreeFraction);
        long bySize = diskMinFreeBytes < 0 ? Long.MAX_VALUE : diskMinFreeBytes;
        return Math.min(byFraction, bySize);
    }

    private static long walMaxSize(String store, String value) {
        return value.isEmpty() ? DEFAULT_WAL_MAX_SIZE : size(store, "wal.max.size", value);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
    }

    static long size(String store, String key, String text) {
        String digits = text.endsWith("b") ? text.substring(0, text.length() - 1) : text;
        long unit = 1;
        char suffix = digits.isEmpty() ? ' ' : digits.charAt(digits.length() - 1);
        if (suffix == 'k' || suffix == 'm' || suffix == 'g' || suffix == 't') {
            unit = suffix == 'k' ? 1L << 10 : suffix == 'm' ? 1L << 20 : suffix == 'g' ? 1L << 30 : 1L << 40;
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long parsed = Long.parseLong(digits.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(parsed, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidArgumentException("store '" + store + "': " + key
                    + " must be a size such as 512m, 2g or 0 (off), was '" + text + "'");
        }
    }

    private static double number(String store, String key, String text) {
        try {
            double parsed = Double.parseDouble(text.trim());
            if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("store '" + store + "': " + key
                    + " must be a number of 0 or more, was '" + text + "'");
        }
    }
}
