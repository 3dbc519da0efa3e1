package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a few top-level fields of a stored record's content ({@link DocumentRecord}: Smile {@code {v, c, u, b}})
 * straight from the bytes, for the collection scan's prefilter: no parser is made per document, field names are
 * compared as bytes and only the wanted values become objects. It understands the Smile the layer's generator
 * writes for ordinary documents — short field names and their back-references, literal strings, integers, doubles,
 * floats, booleans, null, arrays and objects — and gives up (returns null, and the caller uses Jackson's parser,
 * {@link StoredSmile#contentFields}) on anything else: long field names, big numbers, binary, a wanted value that
 * is a back-reference to an earlier string. A name it cannot place is never guessed, so it never mistakes one field
 * for another. {@code SmileFieldReaderPropertyTest} checks it against Jackson on random documents.
 */
final class SmileFieldReader {

    /** Jackson's generator restarts its table of names after this many; past it, this reader gives up. */
    private static final int MAX_NAMES = 1024;
    private static final Object UNSUPPORTED = new Object();
    private static final byte[] CONTENT = {'b'};

    private final String[] wantedNames;
    private final byte[][] wanted;
    /** The values found in the record last read, by wanted index, and which were found: behind {@link #found}. */
    private final Object[] values;
    private final boolean[] present;
    private int foundCount;
    private final Map<String, Object> found = new FoundFields();
    private byte[] in;
    private int pos;
    private int[] nameOffsets = new int[32];
    private int[] nameLengths = new int[32];
    private int names;
    private int nameOffset;
    private int nameLength;

    SmileFieldReader(Set<String> fields) {
        wantedNames = fields.toArray(new String[0]);
        wanted = new byte[wantedNames.length][];
        values = new Object[wantedNames.length];
        present = new boolean[wantedNames.length];
        for (int i = 0; i < wantedNames.length; i++) {
            wanted[i] = wantedNames[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The wanted fields the content has, with their values; null when the record is beyond this reader. The map is
     * this reader's own, valid until the next call (a prefilter tests it and lets it go).
     */
    Map<String, Object> read(byte[] record) {
        in = record;
        pos = 4;
        names = 0;
        foundCount = 0;
        java.util.Arrays.fill(present, false);
        java.util.Arrays.fill(values, null);
        try {
            if (record.length < 5 || record[0] != ':' || record[1] != ')' || record[2] != '\n' || u8() != 0xFA) {
                return null;
            }
            while (true) {
                int key = key();
                if (key != 1) {
                    return null; // end of the record without content, or a name beyond this reader
                }
                if (matches(CONTENT)) {
                    return content();
                }
                if (!skip()) {
                    return null;
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return null; // truncated: let the parser report it
        } finally {
            in = null;
        }
    }

    private Map<String, Object> content() {
        if (u8() != 0xFA) {
            return null;
        }
        while (true) {
            int key = key();
            if (key == 0) {
                return found;
            }
            if (key < 0) {
                return null;
            }
            int which = wantedIndex();
            if (which < 0) {
                if (!skip()) {
                    return null;
                }
                continue;
            }
            Object value = value();
            if (value == UNSUPPORTED) {
                return null;
            }
            if (!present[which]) {
                present[which] = true;
                foundCount++;
            }
            values[which] = value;
            if (foundCount == wanted.length) {
                return found; // the layer never writes a field twice
            }
        }
    }

    /** Reads a field name into nameOffset/nameLength: 1, or 0 at the end of the object, -1 when unsupported. */
    private int key() {
        int b = u8();
        if (b == 0xFB) {
            return 0;
        }
        if (b == 0x20) {
            nameOffset = pos;
            nameLength = 0;
            return 1;
        }
        int reference;
        if (b >= 0x40 && b <= 0x7F) {
            reference = b & 0x3F;
        } else if (b >= 0x30 && b <= 0x33) {
            reference = ((b & 0x03) << 8) | u8();
        } else if (b >= 0x80 && b <= 0xF7) {
            int length = b < 0xC0 ? (b & 0x3F) + 1 : (b & 0x3F) + 2;
            if (names >= MAX_NAMES || pos + length > in.length) {
                return -1;
            }
            nameOffset = pos;
            nameLength = length;
            pos += length;
            addName();
            return 1;
        } else {
            return -1;
        }
        if (reference >= names) {
            return -1;
        }
        nameOffset = nameOffsets[reference];
        nameLength = nameLengths[reference];
        return 1;
    }

    private void addName() {
        if (names == nameOffsets.length) {
            nameOffsets = Arrays.copyOf(nameOffsets, names * 2);
            nameLengths = Arrays.copyOf(nameLengths, names * 2);
        }
        nameOffsets[names] = nameOffset;
        nameLengths[names] = nameLength;
        names++;
    }

    private int wantedIndex() {
        for (int i = 0; i < wanted.length; i++) {
            if (matches(wanted[i])) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(byte[] name) {
        return name.length == nameLength
                && Arrays.equals(in, nameOffset, nameOffset + nameLength, name, 0, name.length);
    }

    /** Passes over one value; false when it is beyond this reader. */
    private boolean skip() {
        int b = u8();
        if (b <= 0x1F) {
            return b != 0; // a back-reference to an earlier string (0x00 is reserved)
        }
        if (b <= 0x23) {
            return true;
        }
        switch (b) {
            case 0x24, 0x25 -> {
                vlong();
                return true;
            }
            case 0x28 -> {
                pos += 5;
                return pos <= in.length;
            }
            case 0x29 -> {
                pos += 10;
                return pos <= in.length;
            }
            case 0xE0, 0xE4 -> {
                while (u8() != 0xFC) {
                    // the text of a long string, up to its end marker
                }
                return true;
            }
            case 0xEC, 0xED, 0xEE, 0xEF -> {
                pos++;
                return true;
            }
            case 0xF8 -> {
                while ((in[pos] & 0xFF) != 0xF9) {
                    if (!skip()) {
                        return false;
                    }
                }
                pos++;
                return true;
            }
            case 0xFA -> {
                while (true) {
                    int key = key();
                    if (key == 0) {
                        return true;
                    }
                    if (key < 0 || !skip()) {
                        return false;
                    }
                }
            }
            default -> {
                if (b >= 0x40 && b <= 0xBF) {
                    pos += stringLength(b);
                    return pos <= in.length;
                }
                return b >= 0xC0 && b <= 0xDF;
            }
        }
    }

    /** One value as {@link Values#normalize} gives it, or UNSUPPORTED. */
    private Object value() {
        int b = u8();
        if (b >= 0x40 && b <= 0xBF) {
            int length = stringLength(b);
            if (pos + length > in.length) {
                return UNSUPPORTED;
            }
            String text = new String(in, pos, length, b < 0x80 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            pos += length;
            return text;
        }
        if (b >= 0xC0 && b <= 0xDF) {
            return (long) zigzag(b & 0x1F);
        }
        switch (b) {
            case 0x20:
                return "";
            case 0x21:
                return null;
            case 0x22:
                return Boolean.FALSE;
            case 0x23:
                return Boolean.TRUE;
            case 0x24, 0x25:
                return zigzag(vlong());
            case 0x28: {
                float f = Float.intBitsToFloat((int) fixed(5));
                return Float.isFinite(f) ? (Object) (double) f : UNSUPPORTED;
            }
            case 0x29: {
                double d = Double.longBitsToDouble(fixed(10));
                return Double.isFinite(d) ? (Object) d : UNSUPPORTED;
            }
            case 0xE0, 0xE4: {
                int start = pos;
                while (u8() != 0xFC) {
                    // up to the end marker
                }
                return new String(in, start, pos - 1 - start,
                        b == 0xE0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            case 0xF8: {
                List<Object> list = new ArrayList<>();
                while ((in[pos] & 0xFF) != 0xF9) {
                    Object element = value();
                    if (element == UNSUPPORTED) {
                        return UNSUPPORTED;
                    }
                    list.add(element);
                }
                pos++;
                return Collections.unmodifiableList(list);
            }
            case 0xFA: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (true) {
                    int key = key();
                    if (key == 0) {
                        return Collections.unmodifiableMap(map);
                    }
                    if (key < 0) {
                        return UNSUPPORTED;
                    }
                    String name = new String(in, nameOffset, nameLength, StandardCharsets.UTF_8);
                    Object member = value();
                    if (member == UNSUPPORTED) {
                        return UNSUPPORTED;
                    }
                    map.put(name, member);
                }
            }
            default:
                return UNSUPPORTED; // back-references, big numbers, binary, reserved tokens
        }
    }

    /** The fields found, as a read-only map over {@link #values} (what the filter reads: get and containsKey). */
    private final class FoundFields extends java.util.AbstractMap<String, Object> {
        private int indexOf(Object key) {
            for (int i = 0; i < wantedNames.length; i++) {
                if (present[i] && wantedNames[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public int size() {
            return foundCount;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (int i = 0; i < wantedNames.length; i++) {
                if (present[i]) {
                    copy.put(wantedNames[i], values[i]);
                }
            }
            return Collections.unmodifiableMap(copy).entrySet();
        }
    }

    /** The byte length of a short string token (tiny/short ASCII 0x40-0x7F, tiny/short Unicode 0x80-0xBF). */
    private static int stringLength(int b) {
        return switch (b >> 5) {
            case 2 -> (b & 0x1F) + 1;
            case 3 -> (b & 0x1F) + 33;
            case 4 -> (b & 0x1F) + 2;
            default -> (b & 0x1F) + 34;
        };
    }

    /** Smile's variable-length integer: 7 bits a byte, the last byte (high bit set) carrying 6. */
    private long vlong() {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            int b = u8();
            if ((b & 0x80) != 0) {
                return (value << 6) | (b & 0x3F);
            }
            value = (value << 7) | b;
        }
        throw new ArrayIndexOutOfBoundsException("overlong integer");
    }

    /** A fixed-width number of {@code count} bytes of 7 bits each (floats 5, doubles 10). */
    private long fixed(int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 7) | (u8() & 0x7F);
        }
        return value;
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private int u8() {
        return in[pos++] & 0xFF;
    }
}
