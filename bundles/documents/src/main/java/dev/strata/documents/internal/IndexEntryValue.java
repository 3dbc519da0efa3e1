package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a value index entry holds: the document id and, for a covering plan, the exact values of the indexed paths.
 * The key's typed encoding cannot give them back (1 and 1.0 share a key, a missing field indexes as null), so the
 * value carries them, in Smile: {@code [id, f1, f2, ...]} where each {@code fi} is {@code [value]} when the path
 * reaches exactly that value through objects only, {@code []} when it reaches nothing, and {@code null} when it
 * crosses an array (the document must then be fetched). A value written before covering plans existed is the id
 * as UTF-8 text; ids never contain {@code ')'}, so the Smile header {@code ":)"} tells the two apart.
 */
final class IndexEntryValue {

    /** What a covering scan learns from one entry. */
    record Covered(String id, Map<String, Object> content) {
    }

    private IndexEntryValue() {
    }

    static byte[] encode(String id, List<String> fields, Map<String, Object> content) {
        List<Object> out = new ArrayList<>(fields.size() + 1);
        out.add(id);
        for (String path : fields) {
            out.add(exact(content, id, path));
        }
        return Json.encode(out);
    }

    /** The id, from either format. */
    static String id(byte[] value) {
        if (isLegacy(value)) {
            return new String(value, StandardCharsets.UTF_8);
        }
        return StoredSmile.firstString(value);
    }

    /**
     * The indexed paths' values as document content (nested objects for dotted paths; {@code _id} left out), or
     * null when the entry cannot stand in for the document: an old-format entry, or a needed path through an array.
     * Paths not needed may cross arrays (in a multikey index, the array path itself); they are left out.
     */
    static Covered covered(byte[] value, List<String> fields, java.util.Set<String> needed) {
        if (isLegacy(value)) {
            return new Covered(new String(value, StandardCharsets.UTF_8), null);
        }
        List<?> decoded = (List<?>) StoredSmile.decode(value);
        String id = (String) decoded.get(0);
        Map<String, Object> content = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Object field = decoded.get(i + 1);
            if (!needed.contains(fields.get(i))) {
                continue;
            }
            if (field == null) {
                return new Covered(id, null);
            }
            List<?> present = (List<?>) field;
            if (!present.isEmpty() && !dev.strata.api.document.Document.ID_FIELD.equals(fields.get(i))) {
                put(content, fields.get(i).split("\\."), 0, present.get(0));
            }
        }
        return new Covered(id, content);
    }

    private static boolean isLegacy(byte[] value) {
        return value.length < 2 || value[0] != ':' || value[1] != ')';
    }

    /** [v], [] or null (see the class comment). */
    private static List<Object> exact(Map<String, Object> content, String id, String path) {
        List<Object> candidates = Paths.candidates(content, id, path);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Object current = content;
        if (!dev.strata.api.document.Document.ID_FIELD.equals(path)) {
            for (String segment : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                    return null;
                }
                current = map.get(segment);
            }
        } else {
            current = id;
        }
        if (candidates.size() != 1 || candidates.get(0) != current || current instanceof List) {
            return null;
        }
        List<Object> one = new ArrayList<>(1);
        one.add(current);
        return one;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> target, String[] segments, int index, Object value) {
        if (index == segments.length - 1) {
            target.put(segments[index], value);
            return;
        }
        Object child = target.computeIfAbsent(segments[index], k -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) child, segments, index + 1, value);
    }
}
