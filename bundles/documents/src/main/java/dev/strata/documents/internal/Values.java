package dev.strata.documents.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.InvalidDocumentException;

/**
 * The plain values documents hold, and their one total order (MongoDB's, simplified): null &lt; numbers &lt; strings
 * &lt; objects &lt; arrays &lt; booleans. Numbers compare by value whatever their Java type; strings by code point
 * (the order of their UTF-8 bytes, hence of store keys). {@link TupleCodec} encodes values so that key order is
 * exactly this order, which lets index scans serve ranges and sorts.
 */
final class Values {

    static final int NULL = 0;
    static final int NUMBER = 1;
    static final int STRING = 2;
    static final int OBJECT = 3;
    static final int ARRAY = 4;
    static final int BOOLEAN = 5;

    private Values() {
    }

    static int typeRank(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof Number) {
            return NUMBER;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Map) {
            return OBJECT;
        }
        if (value instanceof List) {
            return ARRAY;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        throw new IllegalArgumentException("not a document value: " + value.getClass());
    }

    static int compare(Object a, Object b) {
        int ra = typeRank(a);
        int rb = typeRank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case NULL:
                return 0;
            case NUMBER:
                return compareNumbers((Number) a, (Number) b);
            case STRING:
                return compareStrings((String) a, (String) b);
            case BOOLEAN:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case ARRAY:
                return compareLists((List<?>) a, (List<?>) b);
            default:
                return compareObjects((Map<?, ?>) a, (Map<?, ?>) b);
        }
    }

    static boolean equal(Object a, Object b) {
        return typeRank(a) == typeRank(b) && compare(a, b) == 0;
    }

    static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return decimal(a).compareTo(decimal(b));
    }

    /** The exact decimal of a number; doubles by their shortest representation (monotonic in the double). */
    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal big) {
            return big;
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        if (n instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** Code point order, which is the order of the UTF-8 bytes (String.compareTo differs above U+FFFF). */
    static int compareStrings(String a, String b) {
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
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int compareLists(List<?> a, List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareObjects(Map<?, ?> a, Map<?, ?> b) {
        Iterator<? extends Map.Entry<?, ?>> ia = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<?, ?> ea = ia.next();
            Map.Entry<?, ?> eb = ib.next();
            int c = compareStrings((String) ea.getKey(), (String) eb.getKey());
            if (c == 0) {
                c = compare(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /**
     * Converts what Jackson (or a caller) produced to the layer's values: integers to Long (BigDecimal beyond),
     * floating point to Double (finite only), containers to unmodifiable copies; strings must be valid UTF-16.
     */
    static Object normalize(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof String text) {
            checkString(text);
            return text;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidDocumentException("numbers must be finite, was " + d);
            }
            return d;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
        }
        if (value instanceof BigDecimal big) {
            return big;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                checkString(key);
                copy.put(key, normalize(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(normalize(element));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidDocumentException("unsupported value type " + value.getClass().getName());
    }

    private static void checkString(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidDocumentException("text contains an unpaired surrogate at index " + i);
            }
        }
    }
}
