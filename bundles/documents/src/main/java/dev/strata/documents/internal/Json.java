package dev.strata.documents.internal;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;

import dev.strata.api.document.InvalidDocumentException;

/**
 * JSON text in and out, and Smile (Jackson's binary JSON) for what is stored: smaller than text and decoded without
 * parsing numbers from digits. Both mappers are thread-safe once configured.
 */
final class Json {

    static final ObjectMapper TEXT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectMapper SMILE = new ObjectMapper(SmileFactory.builder()
            .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build());

    private Json() {
    }

    /** Parses JSON text into layer values. */
    static Object parse(String json) {
        if (json == null) {
            throw new InvalidDocumentException("JSON text must not be null");
        }
        try {
            return Values.normalize(TEXT.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException("malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json) {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new InvalidDocumentException("expected a JSON object, got " + abbreviate(json));
        }
        return (Map<String, Object>) value;
    }

    static String write(Object value) {
        try {
            return TEXT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static byte[] encode(Object value) {
        try {
            return SMILE.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode", e);
        }
    }

    static Object decode(byte[] bytes) {
        try {
            return Values.normalize(SMILE.readValue(bytes, Object.class));
        } catch (IOException e) {
            throw new dev.strata.api.CorruptionException("a stored document record does not decode: " + e.getMessage(),
                    "document record", -1);
        }
    }

    /** The Smile factory of what is stored, for readers that stream ({@link StoredSmile}). */
    static com.fasterxml.jackson.core.JsonFactory smileFactory() {
        return SMILE.getFactory();
    }

    /** A record or POJO as layer values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fromObject(Object value) {
        try {
            Object tree = TEXT.convertValue(value, Object.class);
            if (!(tree instanceof Map)) {
                throw new InvalidDocumentException("a " + value.getClass().getName() + " does not convert to a JSON object");
            }
            return (Map<String, Object>) Values.normalize(tree);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException("cannot convert " + value.getClass().getName() + ": " + e.getMessage());
        }
    }

    static <T> T toObject(Map<String, Object> map, Class<T> type) {
        try {
            return TEXT.convertValue(map, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException("cannot convert the document to " + type.getName() + ": " + e.getMessage());
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
