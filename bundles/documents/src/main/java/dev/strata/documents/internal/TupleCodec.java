package dev.strata.documents.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An order-preserving, self-delimiting encoding of document values into key text, after FoundationDB's tuple layer:
 * for any values a and b, {@code Values.compare(a, b)} has the sign of comparing {@code encode(a)} and
 * {@code encode(b)} by UTF-8 bytes (the store's key order), and a concatenation of encodings (a compound index key)
 * orders like the tuple. Store keys are strings, so the encoding works on characters: every element starts with a
 * type tag whose order is the type order of {@link Values}.
 * <ul>
 *   <li>numbers are exact decimals: sign tag, an 11-digit exponent (complemented for negatives), the digits
 *       (complemented for negatives) and a terminator below (above, for negatives) every digit</li>
 *   <li>strings: the characters, with U+0000 and U+0001 escaped behind U+0001, ended by U+0001 U+0001</li>
 *   <li>objects and arrays: their members' encodings, ended by U+0001 (below every tag, so shorter sorts first)</li>
 * </ul>
 */
final class TupleCodec {

    static final char NULL = '\u0010';
    static final char NEGATIVE = '\u0020';
    static final char ZERO = '\u0021';
    static final char POSITIVE = '\u0022';
    static final char STRING = '\u0030';
    static final char OBJECT = '\u0040';
    static final char ARRAY = '\u0050';
    static final char FALSE = '\u0060';
    static final char TRUE = '\u0061';
    private static final char END = '\u0001';
    private static final long EXPONENT_OFFSET = 1L << 31;

    /** Sorts after every encoding that starts with the same text (U+10FFFF, the last code point). */
    static final String AFTER = new String(Character.toChars(Character.MAX_CODE_POINT));

    private TupleCodec() {
    }

    static String encode(Object value) {
        StringBuilder out = new StringBuilder(value instanceof String text ? text.length() + 3 : 24);
        encode(value, out);
        return out.toString();
    }

    static String encodeAll(List<?> values) {
        StringBuilder out = new StringBuilder();
        for (Object value : values) {
            encode(value, out);
        }
        return out.toString();
    }

    static void encode(Object value, StringBuilder out) {
        switch (Values.typeRank(value)) {
            case Values.NULL -> out.append(NULL);
            case Values.BOOLEAN -> out.append((Boolean) value ? TRUE : FALSE);
            case Values.NUMBER -> encodeNumber(Values.decimal((Number) value), out);
            case Values.STRING -> {
                out.append(STRING);
                escape((String) value, out);
                out.append(END).append(END);
            }
            case Values.ARRAY -> {
                out.append(ARRAY);
                for (Object element : (List<?>) value) {
                    encode(element, out);
                }
                out.append(END);
            }
            default -> {
                out.append(OBJECT);
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    encode(e.getKey(), out);
                    encode(e.getValue(), out);
                }
                out.append(END);
            }
        }
    }

    /** The start of every string with this prefix (a tag and the escaped characters, no terminator). */
    static String stringPrefix(String prefix) {
        StringBuilder out = new StringBuilder().append(STRING);
        escape(prefix, out);
        return out.toString();
    }

    private static void escape(String text, StringBuilder out) {
        int first = 0;
        while (first < text.length() && text.charAt(first) > '\u0001') {
            first++;
        }
        out.append(text, 0, first); // most text has nothing to escape: one copy
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                out.append(END).append('\u0002');
            } else if (c == '\u0001') {
                out.append(END).append('\u0003');
            } else {
                out.append(c);
            }
        }
    }

    private static void encodeNumber(BigDecimal number, StringBuilder out) {
        if (number.signum() == 0) {
            out.append(ZERO);
            return;
        }
        BigDecimal normal = number.stripTrailingZeros();
        String digits = normal.unscaledValue().abs().toString();
        // value = 0.digits * 10^exponent
        long exponent = (long) digits.length() - normal.scale();
        if (normal.signum() > 0) {
            out.append(POSITIVE);
            appendExponent(exponent + EXPONENT_OFFSET, out);
            out.append(digits).append('!');
        } else {
            out.append(NEGATIVE);
            appendExponent(EXPONENT_OFFSET - exponent, out);
            for (int i = 0; i < digits.length(); i++) {
                out.append((char) ('9' - digits.charAt(i) + '0'));
            }
            out.append('~');
        }
    }

    private static void appendExponent(long biased, StringBuilder out) {
        String text = Long.toString(biased);
        out.append("0".repeat(Math.max(0, 11 - text.length()))).append(text);
    }

    /** Decodes the string element that starts at {@code offset} (its tag) of an encoded key. */
    static String decodeString(String key, int offset) {
        if (key.charAt(offset) != STRING) {
            throw new IllegalArgumentException("no string at " + offset);
        }
        StringBuilder out = new StringBuilder();
        for (int i = offset + 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == END) {
                char next = key.charAt(++i);
                if (next == END) {
                    return out.toString();
                }
                out.append(next == '\u0002' ? '\u0000' : '\u0001');
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }
}
