package dev.strata.documents.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentMetadata;

/** A stored document: its content and metadata, encoded in Smile under {@link KeyLayout#doc}. */
record DocumentRecord(String id, Map<String, Object> content, long version, long createdMillis, long updatedMillis) {

    byte[] encode() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("v", version);
        map.put("c", createdMillis);
        map.put("u", updatedMillis);
        map.put("b", content);
        return Json.encode(map);
    }

    @SuppressWarnings("unchecked")
    static DocumentRecord decode(String id, byte[] bytes) {
        Map<String, Object> map = (Map<String, Object>) Json.decode(bytes);
        return new DocumentRecord(id, (Map<String, Object>) map.get("b"), ((Number) map.get("v")).longValue(),
                ((Number) map.get("c")).longValue(), ((Number) map.get("u")).longValue());
    }

    Document toDocument() {
        return Document.of(id, content).stored(id,
                new DocumentMetadata(version, Instant.ofEpochMilli(createdMillis), Instant.ofEpochMilli(updatedMillis)));
    }
}
