package dev.strata.api;

import java.nio.charset.StandardCharsets;

/**
 * The order of keys: unsigned lexicographic order of their UTF-8 bytes. For strings this equals code point order,
 * which differs from {@link String#compareTo} for characters outside the Basic Multilingual Plane.
 */
public final class KeyOrder {

    private KeyOrder() {
    }

    /** Compares two byte keys as unsigned bytes, shorter first on a common prefix. */
    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** Compares two string keys by code point, which is the order of their UTF-8 encodings. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The UTF-8 bytes of a key. */
    public static byte[] encode(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The key whose UTF-8 bytes these are. */
    public static String decode(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
