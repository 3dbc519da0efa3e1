package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.strata.api.document.InvalidQueryException;

/** Parses MongoDB-style filters into a {@link Filter}, refusing unknown operators and malformed operands. */
final class FilterParser {

    private FilterParser() {
    }

    static Filter parse(Map<String, Object> filter) {
        if (filter == null || filter.isEmpty()) {
            return Filter.ALL;
        }
        Object normal;
        try {
            normal = Values.normalize(filter);
        } catch (RuntimeException e) {
            throw new InvalidQueryException("filter: " + e.getMessage());
        }
        return parseObject(asMap(normal, "filter"));
    }

    private static Filter parseObject(Map<String, Object> filter) {
        List<Filter> parts = new ArrayList<>();
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (key) {
                case "$and" -> parts.add(new Filter.And(parseList(key, value)));
                case "$or" -> parts.add(new Filter.Or(parseList(key, value)));
                case "$nor" -> parts.add(new Filter.Not(new Filter.Or(parseList(key, value))));
                case "$not" -> parts.add(new Filter.Not(parseObject(asMap(value, "$not"))));
                default -> {
                    if (key.startsWith("$")) {
                        throw new InvalidQueryException("unknown operator '" + key + "'");
                    }
                    if (!Paths.isValid(key)) {
                        throw new InvalidQueryException("'" + key + "' is not a valid field path");
                    }
                    parts.add(parseField(key, value));
                }
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
    }

    private static List<Filter> parseList(String operator, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidQueryException(operator + " needs a non-empty array of filters");
        }
        List<Filter> parts = new ArrayList<>();
        for (Object element : list) {
            parts.add(parseObject(asMap(element, operator)));
        }
        return parts;
    }

    private static Filter parseField(String path, Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty() || !isOperatorObject(map)) {
            return new Filter.Field(path, Filter.Op.EQ, value, null);
        }
        List<Filter> parts = new ArrayList<>();
        Object options = map.get("$options");
        if (options != null && !map.containsKey("$regex")) {
            throw new InvalidQueryException("'" + path + "': $options needs $regex");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String op = (String) entry.getKey();
            Object operand = entry.getValue();
            switch (op) {
                case "$eq" -> parts.add(new Filter.Field(path, Filter.Op.EQ, operand, null));
                case "$ne" -> parts.add(new Filter.Not(new Filter.Field(path, Filter.Op.EQ, operand, null)));
                case "$gt" -> parts.add(new Filter.Field(path, Filter.Op.GT, operand, null));
                case "$gte" -> parts.add(new Filter.Field(path, Filter.Op.GTE, operand, null));
                case "$lt" -> parts.add(new Filter.Field(path, Filter.Op.LT, operand, null));
                case "$lte" -> parts.add(new Filter.Field(path, Filter.Op.LTE, operand, null));
                case "$in" -> parts.add(new Filter.Field(path, Filter.Op.IN, list(path, op, operand), null));
                case "$nin" -> parts.add(new Filter.Not(new Filter.Field(path, Filter.Op.IN, list(path, op, operand), null)));
                case "$exists" -> {
                    if (!(operand instanceof Boolean)) {
                        throw new InvalidQueryException("'" + path + "': $exists needs true or false");
                    }
                    parts.add(new Filter.Field(path, Filter.Op.EXISTS, operand, null));
                }
                case "$regex" -> parts.add(regex(path, operand, options));
                case "$options" -> { }
                case "$not" -> parts.add(new Filter.Not(parseField(path, operand)));
                default -> throw new InvalidQueryException("unknown operator '" + op + "' on '" + path + "'");
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
    }

    private static boolean isOperatorObject(Map<?, ?> map) {
        int operators = 0;
        for (Object key : map.keySet()) {
            if (((String) key).startsWith("$")) {
                operators++;
            }
        }
        if (operators != 0 && operators != map.size()) {
            throw new InvalidQueryException("an object mixes operators and fields: " + map.keySet());
        }
        return operators > 0;
    }

    private static List<?> list(String path, String op, Object operand) {
        if (!(operand instanceof List<?> list)) {
            throw new InvalidQueryException("'" + path + "': " + op + " needs an array");
        }
        return list;
    }

    private static Filter regex(String path, Object operand, Object options) {
        if (!(operand instanceof String source)) {
            throw new InvalidQueryException("'" + path + "': $regex needs a string");
        }
        int flags = 0;
        if (options != null) {
            if (!(options instanceof String text) || !text.matches("[imsx]*")) {
                throw new InvalidQueryException("'" + path + "': $options takes the letters i, m, s and x");
            }
            flags |= text.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            flags |= text.contains("m") ? Pattern.MULTILINE : 0;
            flags |= text.contains("s") ? Pattern.DOTALL : 0;
            flags |= text.contains("x") ? Pattern.COMMENTS : 0;
        }
        try {
            return new Filter.Field(path, Filter.Op.REGEX, source, Pattern.compile(source, flags));
        } catch (PatternSyntaxException e) {
            throw new InvalidQueryException("'" + path + "': malformed regular expression: " + e.getDescription());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new InvalidQueryException(where + " needs an object, got " + value);
        }
        return (Map<String, Object>) value;
    }

    /**
     * The literal text every match of an anchored, case-sensitive regular expression starts with ({@code ^abc.*}
     * gives {@code abc}), or empty when there is none; index scans use it as a range.
     */
    static String literalPrefix(Filter.Field field) {
        if (field.regex().flags() != 0 || !field.regex().pattern().startsWith("^")
                || field.regex().pattern().contains("|")) {
            return "";
        }
        String source = field.regex().pattern();
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (".^$*+?()[]{}|\\".indexOf(c) >= 0) {
                if ((c == '*' || c == '?' || c == '{') && prefix.length() > 0) {
                    prefix.setLength(prefix.length() - 1);
                }
                break;
            }
            prefix.append(c);
        }
        return prefix.toString();
    }
}
