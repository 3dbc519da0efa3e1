package dev.strata.api.spi;

import java.util.Arrays;
import java.util.Comparator;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.Store;

/**
 * The rules every engine applies to keys and values, in one place so that every engine rejects the same input with
 * the same typed errors.
 */
public final class ByteKeys {

    public static final int MAX_KEY_BYTES = Store.MAX_KEY_BYTES;
    public static final int MAX_VALUE_BYTES = Store.MAX_VALUE_BYTES;

    /** Unsigned lexicographic order, shorter first on a common prefix. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private ByteKeys() {
    }

    /** @throws InvalidArgumentException for a null, empty or oversized key */
    public static byte[] checkKey(byte[] key) {
        if (key == null) {
            throw new InvalidArgumentException("key must not be null");
        }
        if (key.length == 0) {
            throw new InvalidArgumentException("key must not be empty");
        }
        if (key.length > MAX_KEY_BYTES) {
            throw new InvalidArgumentException("key is " + key.length + " bytes; the limit is " + MAX_KEY_BYTES);
        }
        return key;
    }

    /**
     * @throws InvalidArgumentException for a null value
     * @throws QuotaExceededException   for a value over {@link #MAX_VALUE_BYTES}
     */
    public static byte[] checkValue(byte[] value) {
        if (value == null) {
            throw new InvalidArgumentException("value must not be null (use delete to remove a key)");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new QuotaExceededException("value is " + value.length + " bytes; the limit is " + MAX_VALUE_BYTES);
        }
        return value;
    }

    /**
     * Checks a batch of writes before any of it is applied: one value per key, every key and value within the
     * limits ({@link #checkKey}, {@link #checkValue}).
     *
     * @param operation the operation's name, for the message
     */
    public static void checkBatch(java.util.List<byte[]> keys, java.util.List<byte[]> values, String operation) {
        if (keys.size() != values.size()) {
            throw new InvalidArgumentException(operation + " needs one value per key: " + keys.size() + " keys, "
                    + values.size() + " values");
        }
        for (int i = 0; i < keys.size(); i++) {
            checkKey(keys.get(i));
            checkValue(values.get(i));
        }
    }

    /** The smallest key greater than every key with this prefix, or {@code null} when there is none (all 0xFF). */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }

    /** A short printable form for messages: text when printable ASCII, hex otherwise. */
    public static String toDisplay(byte[] key) {
        if (key == null) {
            return "-";
        }
        boolean printable = true;
        for (byte b : key) {
            printable &= b >= 0x20 && b < 0x7F;
        }
        if (printable) {
            return "'" + new String(key, java.nio.charset.StandardCharsets.US_ASCII) + "'";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < Math.min(key.length, 32); i++) {
            hex.append(String.format("%02x", key[i]));
        }
        return key.length > 32 ? hex.append("...").toString() : hex.toString();
    }
}
