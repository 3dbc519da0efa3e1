package dev.strata.api.spi.support;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.strata.api.InvalidArgumentException;

/**
 * Sizes ({@code 64m}) and durations ({@code 500ms}) as operators write them in store configurations. Metatype has
 * no type for either, so a backend declares such a setting as a {@code String} attribute of its
 * {@code @ObjectClassDefinition} and parses it here; a malformed value gets an {@link InvalidArgumentException}
 * that names the key.
 */
public final class SettingValues {

    private SettingValues() {
    }

    /**
     * A size in bytes: a number, or a number with a binary suffix {@code k}, {@code m} or {@code g} (an optional
     * trailing {@code b} is ignored: {@code 64mb} is {@code 64m}). Case and surrounding blanks do not matter.
     *
     * @param key   the setting's key, for the message
     * @param value a {@link Number} or its text
     * @return the size; never negative
     * @throws InvalidArgumentException when the value is not such a size, is negative or overflows a long
     */
    public static long size(String key, Object value) {
        if (value instanceof Number number) {
            return notNegative(key, value, number.longValue());
        }
        String text = text(value);
        if (text.endsWith("b")) {
            text = text.substring(0, text.length() - 1);
        }
        long unit = 1;
        if (!text.isEmpty()) {
            switch (text.charAt(text.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String number = unit == 1 ? text : text.substring(0, text.length() - 1).trim();
        return multiply(key, value, number, unit, "a size such as 4096, 64k, 32m or 1g");
    }

    /**
     * A duration in milliseconds: a number with a suffix {@code ms}, {@code s}, {@code m} or {@code h}, or a plain
     * number in {@code plainUnit} (settings keep the unit they always had: {@code checkpoint.interval} counts
     * seconds, {@code xodus.syncPeriod} milliseconds).
     *
     * @throws InvalidArgumentException when the value is not such a duration, is negative or overflows a long
     */
    public static long durationMillis(String key, Object value, TimeUnit plainUnit) {
        if (value instanceof Number number) {
            long amount = notNegative(key, value, number.longValue());
            return multiply(key, value, Long.toString(amount), plainUnit.toMillis(1), "");
        }
        String text = text(value);
        long unit;
        String number;
        if (text.endsWith("ms")) {
            unit = 1;
            number = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s") || text.endsWith("m") || text.endsWith("h")) {
            char suffix = text.charAt(text.length() - 1);
            unit = suffix == 's' ? 1000 : suffix == 'm' ? 60_000 : 3_600_000;
            number = text.substring(0, text.length() - 1);
        } else {
            unit = plainUnit.toMillis(1);
            number = text;
        }
        return multiply(key, value, number.trim(), unit, "a duration such as 500ms, 30s, 5m or 1h");
    }

    /** {@code true} or {@code false} (any case); anything else, {@code yes} or {@code 1} included, is refused. */
    public static boolean flag(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = text(value);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidArgumentException(key + " must be true or false, was '" + value + "'");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
    }

    private static long notNegative(String key, Object value, long amount) {
        if (amount < 0) {
            throw new InvalidArgumentException(key + " must not be negative, was '" + value + "'");
        }
        return amount;
    }

    private static long multiply(String key, Object value, String number, long unit, String expected) {
        try {
            long parsed = Long.parseLong(number);
            if (parsed < 0) {
                throw new InvalidArgumentException(key + " must not be negative, was '" + value + "'");
            }
            return Math.multiplyExact(parsed, unit);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(key + " must be " + expected + ", was '" + value + "'");
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException(key + " is too large, was '" + value + "'");
        }
    }
}
