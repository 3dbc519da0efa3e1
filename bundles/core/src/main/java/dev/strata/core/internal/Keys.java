package dev.strata.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.Store;

/** Turns string keys into the engine's byte keys, refusing what cannot be stored unambiguously. */
public final class Keys {

    /** The largest user value: the engine's limit less the most a record header can take ({@link RecordCodec}). */
    static final int MAX_VALUE_BYTES = Store.MAX_VALUE_BYTES - Store.VALUE_HEADER_RESERVE;

    private Keys() {
    }

    /**
     * @throws InvalidArgumentException for a null or empty key, a key over {@link Store#MAX_KEY_BYTES} UTF-8 bytes,
     *                                  or one with an unpaired surrogate (it would not survive UTF-8)
     */
    public static byte[] encode(String key) {
        if (key == null) {
            throw new InvalidArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new InvalidArgumentException("key must not be empty");
        }
        checkSurrogates(key);
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Store.MAX_KEY_BYTES) {
            throw new InvalidArgumentException("key is " + bytes.length + " bytes in UTF-8; the limit is "
                    + Store.MAX_KEY_BYTES);
        }
        return bytes;
    }

    static String decode(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** Encodes a scan bound, which may be empty (the bottom of the key space) but not malformed. */
    static byte[] encodeBound(String bound) {
        if (bound.isEmpty()) {
            return new byte[0];
        }
        checkSurrogates(bound);
        return bound.getBytes(StandardCharsets.UTF_8);
    }

    public static void checkValue(String key, byte[] value) {
        if (value == null) {
            throw new InvalidArgumentException("value of '" + key + "' must not be null (use delete to remove a key)");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new QuotaExceededException("value of '" + key + "' is " + value.length + " bytes; the limit is "
                    + MAX_VALUE_BYTES + " (" + Store.MAX_VALUE_BYTES + " less room for its metadata)");
        }
    }

    /** Checks every key and value before anything is written, so a bad entry changes nothing. */
    public static void checkEntries(Map<String, byte[]> entries) {
        if (entries == null) {
            throw new InvalidArgumentException("entries must not be null");
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            encode(entry.getKey());
            checkValue(entry.getKey(), entry.getValue());
        }
    }

    public static void checkKeys(Collection<String> keys) {
        if (keys == null) {
            throw new InvalidArgumentException("keys must not be null");
        }
        for (String key : keys) {
            encode(key);
        }
    }

    private static void checkSurrogates(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidArgumentException("key contains an unpaired surrogate at index " + i);
            }
        }
    }
}
