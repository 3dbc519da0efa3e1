package dev.strata.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.management.JMX;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.openmbean.CompositeData;

import dev.strata.api.NotFoundException;
import dev.strata.api.StorageService;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.InvalidQueryException;
import dev.strata.api.document.CollectionNotFoundException;
import dev.strata.api.management.DocumentKeyValueIndexInfo;
import dev.strata.api.management.DocumentPage;
import dev.strata.api.management.DocumentsMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.core.internal.EngineStores;
import dev.strata.core.internal.ManagedStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev.strata:type=Documents} registered on the platform MBean server and called through an MXBean proxy. */
class DocumentsBeanTest {

    @TempDir
    Path directory;
    ManagedStore store;
    DocumentServiceComponent service;
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    DocumentsMXBean bean;

    @BeforeEach
    void open() {
        service = new DocumentServiceComponent();
        store = EngineStores.open("file", directory, service); // the layer's write hook keeps key-value indexes
        StorageService storage = (StorageService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StorageService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findStore")) {
                        return "files".equals(args[0]) ? Optional.of(store) : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        DocumentCollection people = service.documents(store).createCollection("people");
        for (int i = 0; i < 25; i++) {
            people.insertJson(String.format("{\"_id\":\"p%02d\",\"name\":\"n%02d\",\"age\":%d,\"bio\":\"%s\"}", i, i,
                    20 + i, i % 5 == 0 ? "likes storage engines" : "likes cooking"));
        }
        people.createIndex(IndexDefinition.of("by_age", "age"));
        people.createIndex(IndexDefinition.text("text", "bio"));
        people.awaitIndex("by_age", Duration.ofSeconds(30));
        people.awaitIndex("text", Duration.ofSeconds(30));
        service.documents(store).createCollection("empty");
        store.put("users.ada", "{\"name\":\"Ada\",\"active\":true}".getBytes());
        store.put("users.raw", "plain".getBytes());
        DocumentsBeanComponent.register(server, new DocumentsBean(storage, service));
        bean = JMX.newMXBeanProxy(server, ObjectNames.documents(), DocumentsMXBean.class);
    }

    @AfterEach
    void close() {
        DocumentsBeanComponent.unregister(server);
        service.close();
        EngineStores.close(store);
    }

    @Test
    void listsCollectionsAndIndexesAsOpenData() throws Exception {
        var collections = bean.listCollections("files");
        assertEquals(List.of("empty", "people"), collections.stream().map(c -> c.name()).toList());
        assertEquals(25, collections.get(1).documents());
        assertEquals(2, collections.get(1).indexes());
        var indexes = bean.listIndexes("files", "people");
        assertEquals("by_age", indexes.get(0).name());
        assertEquals(List.of("age"), indexes.get(0).fields());
        assertEquals("READABLE", indexes.get(0).state());
        // what JConsole sees: open types, not Java classes
        Object raw = server.invoke(ObjectNames.documents(), "listCollections", new Object[] {"files"},
                new String[] {String.class.getName()});
        assertTrue(raw instanceof CompositeData[], raw.getClass().getName());
        MBeanInfo info = server.getMBeanInfo(ObjectNames.documents());
        assertEquals(Arrays.stream(DocumentsMXBean.class.getMethods()).map(m -> m.getName()).sorted().toList(),
                Arrays.stream(info.getOperations()).map(MBeanOperationInfo::getName).sorted().toList());
    }

    @Test
    void pagesOfAQueryFollowTheirContinuation() {
        DocumentPage first = bean.findDocuments("files", "people", "{\"age\":{\"$gte\":30}}", "-age", 0, 10, "", "name,age");
        assertEquals(10, first.documents().size());
        assertEquals("{\"_id\":\"p24\",\"name\":\"n24\",\"age\":44}", first.documents().get(0));
        assertFalse(first.continuation().isEmpty());
        DocumentPage second = bean.findDocuments("files", "people", "{\"age\":{\"$gte\":30}}", "-age", 0, 10,
                first.continuation(), "name,age");
        assertEquals(5, second.documents().size());
        assertEquals("{\"_id\":\"p14\",\"name\":\"n14\",\"age\":34}", second.documents().get(0));
        assertEquals("", second.continuation(), "the last page");
        assertEquals(3, bean.findDocuments("files", "people", "", "", 22, 10, "", "").documents().size(), "skip");
        assertEquals("{\"_id\":\"p03\",\"name\":\"n03\",\"age\":23,\"bio\":\"likes cooking\"}",
                bean.getDocument("files", "people", "p03"));
        assertNull(bean.getDocument("files", "people", "nobody"));
    }

    @Test
    void explainSearchAndKeyValueEntries() {
        String plan = bean.explainQuery("files", "people", "{\"age\":{\"$lt\":23}}", "age", "age");
        assertTrue(plan.contains("INDEX_ONLY") && plan.contains("INDEX_SCAN by_age"), plan);
        var hits = bean.searchText("files", "people", "storage", 3);
        assertEquals(3, hits.size());
        assertTrue(hits.get(0).document().contains("storage") && hits.get(0).score() > 0);
        DocumentPage entries = bean.findEntries("files", "users.*", "{\"active\":true}", "", 10);
        assertEquals(List.of("users.ada"), entries.keys());
        assertEquals(List.of("{\"name\":\"Ada\",\"active\":true}"), entries.documents());
        assertEquals(1, entries.skippedValues());
    }

    @Test
    void badInputIsATypedError() {
        assertThrows(InvalidQueryException.class,
                () -> bean.findDocuments("files", "people", "{\"age\":{\"$near\":1}}", "", 0, 10, "", ""));
        assertThrows(CollectionNotFoundException.class, () -> bean.listIndexes("files", "nosuch"));
        assertThrows(NotFoundException.class, () -> bean.listCollections("nostore"));
        assertThrows(dev.strata.api.InvalidArgumentException.class,
                () -> bean.findDocuments("files", "people", "{}", "", 0, 5000, "", ""));
    }

    @Test
    void keyValueIndexesAreCreatedListedQueriedAndDropped() throws Exception {
        store.put("users.bob", "{\"name\":\"Bob\",\"age\":25}".getBytes());
        store.put("users.cy", "{\"name\":\"Cy\",\"age\":41}".getBytes());
        var created = bean.createKeyValueIndex("files", "by_age", "users.*", "age");
        assertEquals(new DocumentKeyValueIndexInfo("by_age", "users.*", List.of("age"), "READABLE"), created);
        assertEquals(List.of(created), bean.listKeyValueIndexes("files"));
        Object raw = server.invoke(ObjectNames.documents(), "listKeyValueIndexes", new Object[] {"files"},
                new String[] {String.class.getName()});
        assertTrue(raw instanceof CompositeData[], raw.getClass().getName());
        DocumentPage older = bean.findEntriesByIndex("files", "by_age", "{\"age\":{\"$gte\":30}}", "-age", 10);
        assertEquals(List.of("users.cy"), older.keys());
        String plan = service.explain(store, dev.strata.api.document.KeyValueQuery.of("users.*")
                .where(java.util.Map.of("age", 41))).render();
        assertTrue(plan.contains("INDEX_SCAN by_age"), plan);
        assertTrue(bean.dropKeyValueIndex("files", "by_age"));
        assertFalse(bean.dropKeyValueIndex("files", "by_age"));
        assertEquals(List.of(), bean.listKeyValueIndexes("files"));
    }

    @Test
    void badKeyValueIndexInputIsATypedErrorAndChangesNothing() {
        bean.createKeyValueIndex("files", "by_age", "users.*", "age");
        var before = bean.listKeyValueIndexes("files");
        assertThrows(dev.strata.api.InvalidArgumentException.class,
                () -> bean.createKeyValueIndex("files", "no spaces", "users.*", "age"));
        assertThrows(dev.strata.api.InvalidArgumentException.class,
                () -> bean.createKeyValueIndex("files", "by_name", "users.*", ""));
        assertThrows(dev.strata.api.InvalidArgumentException.class,
                () -> bean.createKeyValueIndex("files", "by_age", "people.*", "age"));
        assertThrows(NotFoundException.class, () -> bean.createKeyValueIndex("nostore", "by_name", "users.*", "name"));
        assertThrows(dev.strata.api.document.IndexNotFoundException.class,
                () -> bean.findEntriesByIndex("files", "by_nothing", "{}", "", 10));
        assertThrows(InvalidQueryException.class,
                () -> bean.findEntriesByIndex("files", "by_age", "{\"age\":{\"$near\":1}}", "", 10));
        assertEquals(before, bean.listKeyValueIndexes("files"));
    }
}
