package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.document.CollectionSchema;

/**
 * A collection's metadata, kept as JSON under {@link KeyLayout#meta(String)}. Every document write reads it in its
 * own transaction, so the set of indexes a write maintains is the one of its snapshot.
 */
record CollectionMeta(String name, long uid, long nextIndexUid, List<IndexMeta> indexes, CollectionSchema schema) {

    CollectionMeta {
        indexes = List.copyOf(indexes);
    }

    static CollectionMeta create(String name, long uid) {
        return new CollectionMeta(name, uid, 1, List.of(), null);
    }

    Optional<IndexMeta> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    Optional<IndexMeta> textIndex() {
        return indexes.stream().filter(IndexMeta::isText).findFirst();
    }

    CollectionMeta withIndex(IndexMeta index) {
        List<IndexMeta> next = new ArrayList<>();
        boolean replaced = false;
        for (IndexMeta existing : indexes) {
            if (existing.uid() == index.uid()) {
                next.add(index);
                replaced = true;
            } else {
                next.add(existing);
            }
        }
        if (!replaced) {
            next.add(index);
        }
        long nextUid = Math.max(nextIndexUid, index.uid() + 1);
        return new CollectionMeta(name, uid, nextUid, next, schema);
    }

    CollectionMeta withoutIndex(String indexName) {
        return new CollectionMeta(name, uid, nextIndexUid,
                indexes.stream().filter(i -> !i.name().equals(indexName)).toList(), schema);
    }

    CollectionMeta withSchema(CollectionSchema newSchema) {
        return new CollectionMeta(name, uid, nextIndexUid, indexes, newSchema);
    }

    byte[] toBytes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("uid", uid);
        map.put("nextIndexUid", nextIndexUid);
        map.put("indexes", indexes.stream().map(IndexMeta::toMap).toList());
        if (schema != null) {
            map.put("schemaVersion", schema.version());
            map.put("schema", schema.json());
        }
        return Json.write(map).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static CollectionMeta fromBytes(byte[] bytes) {
        Map<String, Object> map = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
        List<IndexMeta> indexes = new ArrayList<>();
        for (Object index : (List<Object>) map.get("indexes")) {
            indexes.add(IndexMeta.fromMap((Map<String, Object>) index));
        }
        CollectionSchema schema = map.containsKey("schema")
                ? new CollectionSchema(((Number) map.get("schemaVersion")).intValue(), (String) map.get("schema"))
                : null;
        return new CollectionMeta((String) map.get("name"), ((Number) map.get("uid")).longValue(),
                ((Number) map.get("nextIndexUid")).longValue(), indexes, schema);
    }
}
