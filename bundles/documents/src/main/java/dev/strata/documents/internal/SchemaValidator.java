package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.strata.api.document.InvalidDocumentException;
import dev.strata.api.document.SchemaViolationException;

/**
 * A JSON Schema (draft 2020-12 vocabulary, the subset below) compiled once and checked on every write. No kept
 * JSON Schema library for Java ships as an OSGi bundle without a tail of non-bundle dependencies, so the layer
 * implements the keywords documents use most and refuses a schema with any other, instead of ignoring it:
 * {@code type, properties, required, additionalProperties, items, enum, const, minimum, maximum, exclusiveMinimum,
 * exclusiveMaximum, minLength, maxLength, pattern, minItems, maxItems} (annotations such as {@code title} are allowed).
 */
final class SchemaValidator {

    static final SchemaValidator NONE = new SchemaValidator(Map.of());

    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
            "maxLength", "pattern", "minItems", "maxItems");
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "default",
            "examples", "$comment");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");

    private final Map<String, Object> schema;

    private SchemaValidator(Map<String, Object> schema) {
        this.schema = schema;
    }

    static SchemaValidator compile(String json) {
        Map<String, Object> schema = Json.parseObject(json);
        check(schema, "#");
        return new SchemaValidator(schema);
    }

    /** @throws SchemaViolationException listing every violation */
    void validate(Map<String, Object> content) {
        if (schema.isEmpty()) {
            return;
        }
        List<String> violations = new ArrayList<>();
        validate(schema, content, "$", violations);
        if (!violations.isEmpty()) {
            throw new SchemaViolationException("document breaks the collection's schema: " + String.join("; ", violations),
                    violations);
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, String where) {
        for (Map.Entry<String, Object> e : schema.entrySet()) {
            String keyword = e.getKey();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (!KEYWORDS.contains(keyword)) {
                throw new InvalidDocumentException("schema " + where + ": unsupported keyword '" + keyword + "'");
            }
            Object value = e.getValue();
            switch (keyword) {
                case "type" -> {
                    List<Object> types = value instanceof List ? (List<Object>) value : List.of(value);
                    for (Object type : types) {
                        if (!TYPES.contains(type)) {
                            throw new InvalidDocumentException("schema " + where + ": unknown type " + type);
                        }
                    }
                }
                case "properties" -> ((Map<String, Object>) asMap(value, where, keyword))
                        .forEach((name, sub) -> check(asMap(sub, where + "/properties/" + name, "property"),
                                where + "/properties/" + name));
                case "items" -> check(asMap(value, where, keyword), where + "/items");
                case "additionalProperties" -> {
                    if (!(value instanceof Boolean)) {
                        check(asMap(value, where, keyword), where + "/additionalProperties");
                    }
                }
                case "required", "enum" -> {
                    if (!(value instanceof List)) {
                        throw new InvalidDocumentException("schema " + where + ": " + keyword + " needs an array");
                    }
                }
                case "pattern" -> {
                    try {
                        Pattern.compile((String) value);
                    } catch (PatternSyntaxException | ClassCastException ex) {
                        throw new InvalidDocumentException("schema " + where + ": malformed pattern " + value);
                    }
                }
                case "const" -> { }
                default -> {
                    if (!(value instanceof Number)) {
                        throw new InvalidDocumentException("schema " + where + ": " + keyword + " needs a number");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where, String keyword) {
        if (!(value instanceof Map)) {
            throw new InvalidDocumentException("schema " + where + ": " + keyword + " needs an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static void validate(Map<String, Object> schema, Object value, String path, List<String> out) {
        Object type = schema.get("type");
        if (type != null) {
            List<Object> types = type instanceof List ? (List<Object>) type : List.of(type);
            if (types.stream().noneMatch(t -> hasType(value, (String) t))) {
                out.add(path + " must be " + String.join(" or ", types.stream().map(String::valueOf).toList()));
                return;
            }
        }
        if (schema.containsKey("enum") && ((List<Object>) schema.get("enum")).stream().noneMatch(v -> Values.equal(v, value))) {
            out.add(path + " must be one of " + Json.write(schema.get("enum")));
        }
        if (schema.containsKey("const") && !Values.equal(schema.get("const"), value)) {
            out.add(path + " must be " + Json.write(schema.get("const")));
        }
        if (value instanceof Number number) {
            bound(schema, "minimum", number, path, out, c -> c >= 0, "at least");
            bound(schema, "maximum", number, path, out, c -> c <= 0, "at most");
            bound(schema, "exclusiveMinimum", number, path, out, c -> c > 0, "more than");
            bound(schema, "exclusiveMaximum", number, path, out, c -> c < 0, "less than");
        } else if (value instanceof String text) {
            int length = text.codePointCount(0, text.length());
            if (schema.get("minLength") instanceof Number min && length < min.longValue()) {
                out.add(path + " must have at least " + min + " characters");
            }
            if (schema.get("maxLength") instanceof Number max && length > max.longValue()) {
                out.add(path + " must have at most " + max + " characters");
            }
            if (schema.get("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(text).find()) {
                out.add(path + " must match " + pattern);
            }
        } else if (value instanceof List<?> list) {
            if (schema.get("minItems") instanceof Number min && list.size() < min.longValue()) {
                out.add(path + " must have at least " + min + " items");
            }
            if (schema.get("maxItems") instanceof Number max && list.size() > max.longValue()) {
                out.add(path + " must have at most " + max + " items");
            }
            if (schema.get("items") instanceof Map<?, ?> items) {
                for (int i = 0; i < list.size(); i++) {
                    validate((Map<String, Object>) items, list.get(i), path + "[" + i + "]", out);
                }
            }
        } else if (value instanceof Map<?, ?> object) {
            validateObject(schema, (Map<String, Object>) object, path, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void validateObject(Map<String, Object> schema, Map<String, Object> object, String path,
            List<String> out) {
        for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
            if (!object.containsKey(name)) {
                out.add(path + "." + name + " is required");
            }
        }
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        Object additional = schema.get("additionalProperties");
        for (Map.Entry<String, Object> e : object.entrySet()) {
            Object sub = properties.get(e.getKey());
            if (sub != null) {
                validate((Map<String, Object>) sub, e.getValue(), path + "." + e.getKey(), out);
            } else if (Boolean.FALSE.equals(additional)) {
                out.add(path + "." + e.getKey() + " is not allowed");
            } else if (additional instanceof Map) {
                validate((Map<String, Object>) additional, e.getValue(), path + "." + e.getKey(), out);
            }
        }
    }

    private static void bound(Map<String, Object> schema, String keyword, Number value, String path, List<String> out,
            java.util.function.IntPredicate ok, String words) {
        if (schema.get(keyword) instanceof Number limit && !ok.test(Values.compareNumbers(value, limit))) {
            out.add(path + " must be " + words + " " + limit);
        }
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Long || value instanceof Number n && Values.decimal(n).stripTrailingZeros().scale() <= 0;
            case "boolean" -> value instanceof Boolean;
            default -> value == null;
        };
    }
}
