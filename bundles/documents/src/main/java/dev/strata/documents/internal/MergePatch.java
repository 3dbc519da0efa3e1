package dev.strata.documents.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7386 JSON merge patch: objects merge recursively, null removes, anything else replaces. */
final class MergePatch {

    private MergePatch() {
    }

    static Object apply(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (target instanceof Map<?, ?> targetMap) {
            targetMap.forEach((k, v) -> result.put((String) k, v));
        }
        for (Map.Entry<?, ?> entry : patchMap.entrySet()) {
            String key = (String) entry.getKey();
            if (entry.getValue() == null) {
                result.remove(key);
            } else {
                result.put(key, apply(result.get(key), entry.getValue()));
            }
        }
        return result;
    }
}
