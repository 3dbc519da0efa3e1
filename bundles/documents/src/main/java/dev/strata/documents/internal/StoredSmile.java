package dev.strata.documents.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.strata.api.CorruptionException;

/**
 * Reads the Smile the layer itself wrote (document records, index entry values) with Jackson's streaming parser
 * straight into layer values: the values {@link Values#normalize} would give (integers as Long, BigDecimal beyond;
 * doubles; unmodifiable maps and lists) in one pass, without the databind tree and the second copy normalizing it
 * made. Every string was checked when it was written, so none is checked again here. Input from outside the layer
 * (continuation tokens) still goes through {@link Json#decode}, which checks everything.
 */
final class StoredSmile {

    /**
     * The layer's Smile factory without duplicate-name detection: the records read here were written from maps,
     * which cannot hold a name twice, and the check cost a set per object read.
     */
    private static final JsonFactory FACTORY = Json.smileFactory().copy()
            .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Smile's header (":)\n" and a version/flags byte), then START_ARRAY. */
    private static final int HEADER = 4;
    private static final int START_ARRAY = 0xF8;

    private StoredSmile() {
    }

    /** A stored document record ({@link DocumentRecord}: {@code {v, c, u, b: content}}). */
    @SuppressWarnings("unchecked")
    static DocumentRecord record(String id, byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt("not an object");
            }
            long version = -1;
            long created = -1;
            long updated = -1;
            Map<String, Object> content = null;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "v" -> version = number(parser, token);
                    case "c" -> created = number(parser, token);
                    case "u" -> updated = number(parser, token);
                    case "b" -> {
                        if (token != JsonToken.START_OBJECT) {
                            throw corrupt("content is not an object");
                        }
                        content = (Map<String, Object>) value(parser);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (content == null || version < 0 || created < 0 || updated < 0) {
                throw corrupt("a field is missing");
            }
            return new DocumentRecord(id, content, version, created, updated);
        } catch (IOException e) {
            throw corrupt(e.getMessage());
        }
    }

    /**
     * Only the named top-level fields of a stored record's content, the others skipped unparsed: what a collection
     * scan needs to test a filter before it decodes a whole document.
     */
    static Map<String, Object> contentFields(byte[] bytes, Set<String> fields) {
        Map<String, Object> partial = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            parser.nextToken();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                parser.nextToken();
                if (!name.equals("b")) {
                    parser.skipChildren();
                    continue;
                }
                String field;
                while ((field = parser.nextFieldName()) != null) {
                    parser.nextToken();
                    if (fields.contains(field)) {
                        partial.put(field, value(parser));
                    } else {
                        parser.skipChildren();
                    }
                }
                break;
            }
        } catch (IOException e) {
            throw corrupt(e.getMessage());
        }
        return partial;
    }

    /** Any value the layer stored (an index entry's {@code [id, ...]} list, say). */
    static Object decode(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw corrupt("empty");
            }
            return value(parser);
        } catch (IOException e) {
            throw corrupt(e.getMessage());
        }
    }

    /**
     * The first element of a stored Smile array whose first element is a string (an index entry's id). Ids are
     * ASCII and at most 128 characters: the usual one- or two-byte-length tokens are read directly, any other
     * encoding through the parser.
     */
    static String firstString(byte[] bytes) {
        if (bytes.length > HEADER + 1 && (bytes[HEADER] & 0xFF) == START_ARRAY) {
            int token = bytes[HEADER + 1] & 0xFF;
            // tiny ASCII (0x40-0x5F: 1-32 bytes) and short ASCII (0x60-0x7F: 33-64 bytes)
            if (token >= 0x40 && token <= 0x7F) {
                int length = (token & 0x1F) + (token < 0x60 ? 1 : 33);
                if (HEADER + 2 + length <= bytes.length) {
                    return new String(bytes, HEADER + 2, length, StandardCharsets.ISO_8859_1);
                }
            }
        }
        Object decoded = decode(bytes);
        if (!(decoded instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof String id)) {
            throw corrupt("an index entry holds no id");
        }
        return id;
    }

    /** The value at the parser's current token, and its children. */
    static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return Values.normalize(parser.getNumberValue());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token);
        }
    }

    private static long number(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("a metadata field is not an integer");
        }
        return parser.getLongValue();
    }

    private static CorruptionException corrupt(String why) {
        return new CorruptionException("a stored document record does not decode: " + why, "document record", -1);
    }
}
