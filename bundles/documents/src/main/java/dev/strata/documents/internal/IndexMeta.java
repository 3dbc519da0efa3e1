package dev.strata.documents.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.IndexType;

/**
 * One index as the collection metadata keeps it: its definition, the uid its keys live under, and its state.
 * {@code arrayFields} are the indexed paths through which some document reached several values (an array, or an
 * array of objects): the index is multikey exactly when there is one. Covering plans avoid those paths only.
 * Metadata written before the paths were recorded says only {@code multikey}: then every field counts as one.
 */
record IndexMeta(IndexDefinition definition, long uid, IndexState state, boolean multikey, String message,
        List<String> arrayFields) {

    IndexMeta {
        arrayFields = List.copyOf(arrayFields);
    }

    IndexMeta(IndexDefinition definition, long uid, IndexState state, String message) {
        this(definition, uid, state, false, message, List.of());
    }

    String name() {
        return definition.name();
    }

    boolean isText() {
        return definition.type() == IndexType.TEXT;
    }

    boolean maintained() {
        return state != IndexState.FAILED;
    }

    IndexMeta withState(IndexState newState, String newMessage) {
        return new IndexMeta(definition, uid, newState, multikey, newMessage, arrayFields);
    }

    /** This index with these paths also known to reach arrays (this, unchanged, when they are known already). */
    IndexMeta withArrayFields(java.util.Collection<String> more) {
        if (arrayFields.containsAll(more)) {
            return this;
        }
        java.util.Set<String> union = new java.util.LinkedHashSet<>(arrayFields);
        union.addAll(more);
        return new IndexMeta(definition, uid, state, true, message, List.copyOf(union));
    }

    IndexInfo info() {
        return new IndexInfo(definition, state, multikey, message);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", definition.name());
        map.put("fields", definition.fields());
        map.put("unique", definition.unique());
        map.put("type", definition.type().name());
        map.put("uid", uid);
        map.put("state", state.name());
        map.put("multikey", multikey);
        map.put("message", message);
        map.put("arrayFields", arrayFields);
        return map;
    }

    @SuppressWarnings("unchecked")
    static IndexMeta fromMap(Map<String, Object> map) {
        IndexDefinition definition = new IndexDefinition((String) map.get("name"), (List<String>) map.get("fields"),
                (Boolean) map.get("unique"), IndexType.valueOf((String) map.get("type")));
        boolean multikey = (Boolean) map.get("multikey");
        List<String> arrayFields = map.containsKey("arrayFields") ? (List<String>) map.get("arrayFields")
                : multikey ? definition.fields() : List.of(); // older metadata: any field may be the array
        return new IndexMeta(definition, ((Number) map.get("uid")).longValue(),
                IndexState.valueOf((String) map.get("state")), multikey, (String) map.get("message"), arrayFields);
    }
}
