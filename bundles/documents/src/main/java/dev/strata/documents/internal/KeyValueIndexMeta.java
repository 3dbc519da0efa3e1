package dev.strata.documents.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.KeyPattern;
import dev.strata.api.ReadOperations;
import dev.strata.api.document.DocumentStore;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.IndexState;
import dev.strata.api.document.KeyValueIndex;

/**
 * The key-value indexes of a store, kept as JSON under {@link #KEY}. Their entries use a collection's value index
 * layout under uid {@link #UID} (collections count from 1): {@code _doc/0/i/{index}/{values}{key}}, so the planner,
 * the bounds, the index scans and the entry encoding are the ones collections use, with the entry's key standing in
 * for a document id.
 */
record KeyValueIndexMeta(long nextUid, List<Indexed> indexes) {

    static final String KEY = DocumentStore.KEY_PREFIX + "kv";
    static final long UID = 0;
    static final KeyValueIndexMeta EMPTY = new KeyValueIndexMeta(1, List.of());

    /** One index: the keys it covers and its value index as a collection would keep it. */
    record Indexed(String pattern, KeyPattern keys, IndexMeta index) {

        KeyValueIndex info() {
            return new KeyValueIndex(index.name(), pattern, index.definition().fields(), index.state());
        }
    }

    KeyValueIndexMeta {
        indexes = List.copyOf(indexes);
    }

    static KeyValueIndexMeta read(ReadOperations source) {
        return source.get(KEY).map(KeyValueIndexMeta::fromBytes).orElse(EMPTY);
    }

    Optional<Indexed> index(String name) {
        return indexes.stream().filter(i -> i.index().name().equals(name)).findFirst();
    }

    /** Whether some index covers the key: the write hook's cheap test. */
    boolean covers(String key) {
        for (Indexed indexed : indexes) {
            if (indexed.keys().matches(key)) {
                return true;
            }
        }
        return false;
    }

    /** A collection's metadata standing for the readable indexes of one pattern, for the planner; null if none. */
    CollectionMeta planning(String pattern) {
        List<IndexMeta> usable = indexes.stream().filter(i -> i.pattern().equals(pattern))
                .map(Indexed::index).filter(i -> i.state() == IndexState.READABLE).toList();
        return usable.isEmpty() ? null : new CollectionMeta("key-value pattern " + pattern, UID, 0, usable, null);
    }

    KeyValueIndexMeta with(Indexed indexed) {
        List<Indexed> next = new ArrayList<>();
        boolean replaced = false;
        for (Indexed existing : indexes) {
            boolean same = existing.index().uid() == indexed.index().uid();
            next.add(same ? indexed : existing);
            replaced |= same;
        }
        if (!replaced) {
            next.add(indexed);
        }
        return new KeyValueIndexMeta(Math.max(nextUid, indexed.index().uid() + 1), next);
    }

    KeyValueIndexMeta without(String name) {
        return new KeyValueIndexMeta(nextUid, indexes.stream().filter(i -> !i.index().name().equals(name)).toList());
    }

    static Indexed create(KeyValueIndex definition, long uid) {
        IndexMeta index = new IndexMeta(IndexDefinition.of(definition.name(), definition.fields().toArray(String[]::new)),
                uid, IndexState.WRITE_ONLY, "");
        return new Indexed(definition.pattern(), KeyPattern.compile(definition.pattern()), index);
    }

    byte[] toBytes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nextUid", nextUid);
        List<Object> list = new ArrayList<>();
        for (Indexed indexed : indexes) {
            Map<String, Object> one = new LinkedHashMap<>(indexed.index().toMap());
            one.put("pattern", indexed.pattern());
            list.add(one);
        }
        map.put("indexes", list);
        return Json.write(map).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static KeyValueIndexMeta fromBytes(byte[] bytes) {
        Map<String, Object> map = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
        List<Indexed> indexes = new ArrayList<>();
        for (Object item : (List<Object>) map.get("indexes")) {
            Map<String, Object> one = (Map<String, Object>) item;
            String pattern = (String) one.get("pattern");
            indexes.add(new Indexed(pattern, KeyPattern.compile(pattern), IndexMeta.fromMap(one)));
        }
        return new KeyValueIndexMeta(((Number) map.get("nextUid")).longValue(), indexes);
    }
}
