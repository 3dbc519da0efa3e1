package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.Document;

/**
 * Dotted paths into document content, with MongoDB's array rule: a path segment applied to an array reaches into
 * every element that is an object, and a numeric segment also picks an element by position.
 */
final class Paths {

    private Paths() {
    }

    /** The values the path reaches (arrays at the end are returned whole); empty when it reaches nothing. */
    static List<Object> candidates(Map<String, Object> content, String id, String path) {
        List<Object> out = new ArrayList<>(1);
        if (Document.ID_FIELD.equals(path)) {
            out.add(id);
            return out;
        }
        if (path.indexOf('.') < 0) {
            // one segment (the usual case): what collect does for it, without splitting the path
            if (content != null && content.containsKey(path)) {
                out.add(content.get(path));
            }
            return out;
        }
        collect(content, path.split("\\.", -1), 0, out);
        return out;
    }

    private static void collect(Object current, String[] segments, int index, List<Object> out) {
        if (index == segments.length) {
            out.add(current);
            return;
        }
        String segment = segments[index];
        if (current instanceof Map<?, ?> map) {
            if (map.containsKey(segment)) {
                collect(map.get(segment), segments, index + 1, out);
            }
        } else if (current instanceof List<?> list) {
            int position = position(segment);
            if (position >= 0 && position < list.size()) {
                collect(list.get(position), segments, index + 1, out);
            }
            for (Object element : list) {
                if (element instanceof Map) {
                    collect(element, segments, index, out);
                }
            }
        }
    }

    /**
     * The values a path holds for indexing and sorting: candidates with arrays opened one level (an empty array adds
     * nothing). Whether any array was opened is reported through {@code sawArray}.
     */
    static List<Object> flattened(Map<String, Object> content, String id, String path, boolean[] sawArray) {
        List<Object> out = new ArrayList<>(2);
        for (Object candidate : candidates(content, id, path)) {
            if (candidate instanceof List<?> list) {
                sawArray[0] = true;
                out.addAll(list);
            } else {
                out.add(candidate);
            }
        }
        return out;
    }

    /** The sort key of a document for one field: the least value ascending, the greatest descending, null if none. */
    static Object sortKey(Map<String, Object> content, String id, String path, boolean descending) {
        Object best = null;
        boolean found = false;
        for (Object value : flattened(content, id, path, new boolean[1])) {
            if (!found || (descending ? Values.compare(value, best) > 0 : Values.compare(value, best) < 0)) {
                best = value;
                found = true;
            }
        }
        return best;
    }

    static boolean isValid(String path) {
        return path != null && !path.isEmpty() && !path.startsWith("$") && !path.startsWith(".") && !path.endsWith(".")
                && !path.contains("..");
    }

    private static int position(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i)) || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }
}
