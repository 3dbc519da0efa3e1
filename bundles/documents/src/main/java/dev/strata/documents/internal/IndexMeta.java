package dev.strata.documents.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexInfo;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.IndexType;

/** One index as the collection metadata keeps it: its definition, the uid its keys live under, and its state. */
record IndexMeta(IndexDefinition definition, long uid, IndexState state, boolean multikey, String message) {

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
        return new IndexMeta(definition, uid, newState, multikey, newMessage);
    }

    IndexMeta withMultikey() {
        return new IndexMeta(definition, uid, state, true, message);
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
        return map;
    }

    @SuppressWarnings("unchecked")
    static IndexMeta fromMap(Map<String, Object> map) {
        IndexDefinition definition = new IndexDefinition((String) map.get("name"), (List<String>) map.get("fields"),
                (Boolean) map.get("unique"), IndexType.valueOf((String) map.get("type")));
        return new IndexMeta(definition, ((Number) map.get("uid")).longValue(),
                IndexState.valueOf((String) map.get("state")), (Boolean) map.get("multikey"),
                (String) map.get("message"));
    }
}
