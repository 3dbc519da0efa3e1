package dev.strata.api.document;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON document: an id, its content as plain values and, once stored, its metadata.
 * <p>
 * Content values are {@code null}, {@link Boolean}, {@link Long}, {@link Double}, {@link BigDecimal} (other numbers
 * are converted), {@link String}, {@link List} and {@link Map} with string keys, nested freely; the copy kept is
 * unmodifiable. The id is not part of the content: {@link #toJson()} writes it as the {@code _id} field first.
 */
public final class Document {

    /** The id field in JSON text. */
    public static final String ID_FIELD = "_id";

    /** A stored document is at most this many bytes in its binary encoding (16 MiB). */
    public static final int MAX_ENCODED_BYTES = 16 * 1024 * 1024;

    private final String id;
    private final Map<String, Object> content;
    private final DocumentMetadata metadata;

    private Document(String id, Map<String, Object> content, DocumentMetadata metadata) {
        this.id = id;
        this.content = content;
        this.metadata = metadata;
    }

    /** A new document without id (one is generated on insert). */
    public static Document of(Map<String, ?> content) {
        return of(null, content);
    }

    /**
     * A new document. An {@code _id} entry of the content is taken as the id when {@code id} is null.
     *
     * @throws InvalidDocumentException for a value of an unsupported type, a non-finite number or a cyclic structure
     */
    public static Document of(String id, Map<String, ?> content) {
        Objects.requireNonNull(content, "content");
        Map<String, Object> copy = copyObject(content, 0);
        Object embeddedId = copy.remove(ID_FIELD);
        if (id == null && embeddedId != null) {
            if (!(embeddedId instanceof String text)) {
                throw new InvalidDocumentException("_id must be a string, was " + embeddedId);
            }
            id = text;
        }
        return new Document(id, Collections.unmodifiableMap(copy), null);
    }

    /** The same content with an id and metadata; used by the layer when it stores or reads a document. */
    public Document stored(String storedId, DocumentMetadata storedMetadata) {
        return new Document(Objects.requireNonNull(storedId), content, Objects.requireNonNull(storedMetadata));
    }

    /** The id, or {@code null} for a document not yet inserted without one. */
    public String id() {
        return id;
    }

    /** The content (without the id), unmodifiable. */
    public Map<String, Object> content() {
        return content;
    }

    /** Created, updated and version; {@code null} for a document that was not read from a store. */
    public DocumentMetadata metadata() {
        return metadata;
    }

    /** The version, or 0 when not stored. */
    public long version() {
        return metadata == null ? 0 : metadata.version();
    }

    /**
     * The value at a dotted path ({@code "address.city"}, {@code "tags.0"}), or empty when absent; {@code "_id"} is the
     * id.
     */
    public Optional<Object> get(String path) {
        if (ID_FIELD.equals(path)) {
            return Optional.ofNullable(id);
        }
        Object current = content;
        for (String segment : path.split("\\.", -1)) {
            if (current instanceof Map<?, ?> map && map.containsKey(segment)) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && isIndex(segment) && Integer.parseInt(segment) < list.size()) {
                current = list.get(Integer.parseInt(segment));
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }

    /** The document as JSON text, {@code _id} first (when set). */
    public String toJson() {
        Map<String, Object> withId = new LinkedHashMap<>();
        if (id != null) {
            withId.put(ID_FIELD, id);
        }
        withId.putAll(content);
        StringBuilder out = new StringBuilder();
        JsonText.write(withId, out);
        return out.toString();
    }

    /** The content with the id as {@code _id}, as a new modifiable map (what Jackson converts to a POJO). */
    public Map<String, Object> toMap() {
        Map<String, Object> withId = new LinkedHashMap<>();
        if (id != null) {
            withId.put(ID_FIELD, id);
        }
        withId.putAll(content);
        return withId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Document d && Objects.equals(id, d.id) && content.equals(d.content)
                && Objects.equals(metadata, d.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, content, metadata);
    }

    @Override
    public String toString() {
        return abbreviate(toJson());
    }

    /** Text cut to 80 characters for error messages. */
    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit);
    }

    private static final int MAX_DEPTH = 100;

    private static Map<String, Object> copyObject(Map<?, ?> source, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidDocumentException("field names must be strings, was " + entry.getKey());
            }
            copy.put(key, copyValue(entry.getValue(), depth + 1));
        }
        return copy;
    }

    /** The value as the layer keeps it: numbers normalized, containers copied and unmodifiable. */
    static Object copyValue(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidDocumentException("document nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
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
            return Collections.unmodifiableMap(copyObject(map, depth));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidDocumentException("unsupported value type " + value.getClass().getName()
                + " (use maps, lists, strings, numbers, booleans and null)");
    }
}
