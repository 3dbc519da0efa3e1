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

    static DocumentRecord decode(String id, byte[] bytes) {
        return StoredSmile.record(id, bytes);
    }

    DocumentMetadata metadata() {
        return new DocumentMetadata(version, Instant.ofEpochMilli(createdMillis), Instant.ofEpochMilli(updatedMillis));
    }

    Document toDocument() {
        return Document.of(id, content).stored(id, metadata());
    }
}
