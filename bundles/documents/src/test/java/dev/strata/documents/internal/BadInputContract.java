package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.strata.api.Entry;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.document.CollectionExistsException;
import dev.strata.api.document.CollectionNotFoundException;
import dev.strata.api.document.Document;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DuplicateDocumentException;
import dev.strata.api.document.InvalidDocumentException;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.Query;
import dev.strata.api.document.SchemaViolationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear typed error and changes nothing. */
abstract class BadInputContract extends EngineCase {

    DocumentCollection c;
    List<Entry> before;

    @BeforeEach
    void seed() {
        c = documents.createCollection("c");
        c.insertJson("{\"_id\":\"a\",\"n\":1}");
        before = layerKeys();
    }

    private void unchanged() {
        assertEquals(before, layerKeys(), "the refused operation changed nothing");
    }

    @Test
    void malformedJson() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> c.insertJson("{\"n\": 1,"));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
        assertThrows(InvalidDocumentException.class, () -> c.insertJson("[1,2]"));
        assertThrows(InvalidDocumentException.class, () -> c.insertJson("{\"a\":1,\"a\":2}"));
        assertThrows(InvalidDocumentException.class, () -> c.insertJson("{\"_id\":\"bad id!\"}"));
        assertThrows(DuplicateDocumentException.class, () -> c.insertJson("{\"_id\":\"a\"}"));
        unchanged();
    }

    @Test
    void unknownCollection() {
        assertThrows(CollectionNotFoundException.class, () -> documents.existingCollection("nope"));
        assertTrue(documents.dropCollection("c"));
        assertThrows(CollectionNotFoundException.class, () -> c.insertJson("{\"n\":2}"));
        assertThrows(CollectionNotFoundException.class, () -> c.get("a"));
        assertThrows(InvalidArgumentException.class, () -> documents.createCollection("bad/name"));
        documents.createCollection("d");
        assertThrows(CollectionExistsException.class, () -> documents.createCollection("d"));
    }

    @Test
    void unknownOperatorsAndMalformedFilters() {
        assertThrows(InvalidQueryException.class, () -> c.find(Query.where(json("{\"n\":{\"$foo\":1}}"))));
        assertThrows(InvalidQueryException.class, () -> c.find(Query.where(json("{\"$where\":\"1\"}"))));
        assertThrows(InvalidQueryException.class, () -> c.find(Query.where(json("{\"n\":{\"$in\":5}}"))));
        assertThrows(InvalidQueryException.class, () -> c.find(Query.where(json("{\"n\":{\"$regex\":\"(\"}}"))));
        assertThrows(InvalidQueryException.class, () -> c.find(Query.where(json("{\"n\":{\"$gt\":1,\"x\":2}}"))));
        assertThrows(InvalidQueryException.class, () -> c.find(Query.all().after("not-a-token")));
        assertThrows(InvalidQueryException.class, () -> c.count(json("{\"$or\":[]}")));
        unchanged();
    }

    @Test
    void oversizedDocument() {
        String big = "x".repeat(Document.MAX_ENCODED_BYTES + 10);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> c.insert(Document.of("big", Map.of("s", big))));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        unchanged();
    }

    @Test
    void schemaViolations() {
        c.setSchema("{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\","
                + "\"minLength\":2},\"age\":{\"type\":\"integer\",\"minimum\":0}},\"additionalProperties\":false}");
        before = layerKeys();
        SchemaViolationException e = assertThrows(SchemaViolationException.class,
                () -> c.insertJson("{\"name\":\"x\",\"age\":-1,\"extra\":true}"));
        assertEquals(3, e.violations().size(), e.violations().toString());
        assertThrows(SchemaViolationException.class, () -> c.insertJson("{\"age\":3}"));
        unchanged();
        c.insertJson("{\"_id\":\"ok\",\"name\":\"Ada\",\"age\":36}");
        assertThrows(InvalidDocumentException.class, () -> c.setSchema("{\"oneOf\":[]}"));
        assertEquals(1, c.schema().orElseThrow().version());
        c.setSchema(null);
        c.insertJson("{\"anything\":1}");
    }
}
