package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.Document;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.SortField;

/**
 * The order results come in: the sort fields, then the id (descending only when every sort key is, so that a reverse
 * index scan serves it). A position in this order is what a continuation token carries.
 */
record Order(List<SortField> fields, boolean idDescending) {

    static final Order BY_ID = new Order(List.of(), false);

    /** The order a query's sort asks for; {@code _id} may only come last. */
    static Order of(List<SortField> sort) {
        List<SortField> fields = new ArrayList<>();
        Boolean idDescending = null;
        for (int i = 0; i < sort.size(); i++) {
            SortField field = sort.get(i);
            if (Document.ID_FIELD.equals(field.path())) {
                if (i != sort.size() - 1) {
                    throw new InvalidQueryException("sort on _id must come last");
                }
                idDescending = field.descending();
            } else if (!Paths.isValid(field.path())) {
                throw new InvalidQueryException("'" + field.path() + "' is not a valid sort path");
            } else {
                fields.add(field);
            }
        }
        if (idDescending == null) {
            idDescending = !fields.isEmpty() && fields.stream().allMatch(SortField::descending);
        }
        return new Order(List.copyOf(fields), idDescending);
    }

    /** The values a record has in this order: each field's sort key, then the id. */
    List<Object> position(DocumentRecord record) {
        List<Object> position = new ArrayList<>(fields.size() + 1);
        for (SortField field : fields) {
            position.add(Paths.sortKey(record.content(), record.id(), field.path(), field.descending()));
        }
        position.add(record.id());
        return position;
    }

    int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < fields.size(); i++) {
            int c = Values.compare(a.get(i), b.get(i));
            if (c != 0) {
                return fields.get(i).descending() ? -c : c;
            }
        }
        int c = Values.compareStrings((String) a.get(fields.size()), (String) b.get(fields.size()));
        return idDescending ? -c : c;
    }

    Comparator<DocumentRecord> comparator() {
        return (a, b) -> compare(position(a), position(b));
    }

    String token(List<Object> position) {
        return token(position, null);
    }

    /** @param scope what the token is for beyond a collection query (a key-value pattern), or null */
    String token(List<Object> position, String scope) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("o", fields.stream().map(f -> (f.descending() ? "-" : "") + f.path()).toList());
        map.put("d", idDescending);
        map.put("p", position);
        if (scope != null) {
            map.put("s", scope);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.encode(map));
    }

    /** A decoded continuation token: the order it was made in, the position to resume after, its scope. */
    record Resume(Order order, List<Object> position, String scope) {
    }

    @SuppressWarnings("unchecked")
    static Resume parseToken(String token) {
        try {
            Map<String, Object> map = (Map<String, Object>) Json.decode(Base64.getUrlDecoder().decode(token));
            List<SortField> fields = new ArrayList<>();
            for (Object path : (List<Object>) map.get("o")) {
                String text = (String) path;
                fields.add(text.startsWith("-") ? SortField.desc(text.substring(1)) : SortField.asc(text));
            }
            List<Object> position = (List<Object>) map.get("p");
            if (position.size() != fields.size() + 1 || !(position.get(fields.size()) instanceof String)) {
                throw new IllegalArgumentException("position does not fit the order");
            }
            return new Resume(new Order(fields, (Boolean) map.get("d")), position, (String) map.get("s"));
        } catch (RuntimeException e) {
            throw new InvalidQueryException("malformed continuation token");
        }
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        fields.forEach(f -> parts.add(f.path() + (f.descending() ? " desc" : " asc")));
        parts.add("_id" + (idDescending ? " desc" : " asc"));
        return String.join(", ", parts);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
