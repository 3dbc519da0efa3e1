package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.document.DocumentCollection;
import dev.strata.api.document.DocumentService;
import dev.strata.api.document.IndexDefinition;
import dev.strata.api.document.KeyValueQuery;
import dev.strata.api.management.DocumentKeyValueIndexInfo;
import dev.strata.api.management.DocumentPage;
import dev.strata.api.management.DocumentsMXBean;
import dev.strata.api.management.ObjectNames;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The data browser's bean as the console meets it: {@code dev.strata:type=Documents}, registered by the documents
 * bundle in the assembled runtime, read by a {@code monitor} user over the real secured connector.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DocumentsJmxIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private DocumentService documents;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(DocumentsJmxIT.class);
    }

    @Test
    public void aMonitorBrowsesCollectionsQueriesExplainsAndSearches() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw")));
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        DocumentCollection articles = documents.documents(storage.store("files")).createCollection("articles");
        for (int i = 0; i < 12; i++) {
            articles.insertJson("{\"_id\":\"a" + (10 + i) + "\",\"year\":" + (2010 + i) + ",\"title\":\""
                    + (i % 3 == 0 ? "machine learning" : "cooking") + " notes " + i + "\"}");
        }
        articles.createIndex(IndexDefinition.of("by_year", "year"));
        articles.createIndex(IndexDefinition.text("text", "title"));
        articles.awaitIndex("by_year", Duration.ofSeconds(30));
        articles.awaitIndex("text", Duration.ofSeconds(30));

        try (JMXConnector monitor = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = monitor.getMBeanServerConnection();
            Await.until("the documents bean is registered", () -> {
                try {
                    return beans.isRegistered(ObjectNames.documents());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            DocumentsMXBean bean = JMX.newMXBeanProxy(beans, ObjectNames.documents(), DocumentsMXBean.class);
            var collections = bean.listCollections("files");
            assertEquals("articles", collections.get(0).name());
            assertEquals(12, collections.get(0).documents());
            assertEquals(List.of("by_year", "text"), bean.listIndexes("files", "articles").stream()
                    .map(index -> index.name()).toList());
            DocumentPage page = bean.findDocuments("files", "articles", "{\"year\":{\"$gte\":2015}}", "-year", 0, 5,
                    "", "year");
            assertEquals(List.of("{\"_id\":\"a21\",\"year\":2021}", "{\"_id\":\"a20\",\"year\":2020}",
                    "{\"_id\":\"a19\",\"year\":2019}", "{\"_id\":\"a18\",\"year\":2018}", "{\"_id\":\"a17\",\"year\":2017}"),
                    page.documents());
            assertEquals(2, bean.findDocuments("files", "articles", "{\"year\":{\"$gte\":2015}}", "-year", 0, 5,
                    page.continuation(), "year").documents().size());
            String plan = bean.explainQuery("files", "articles", "{\"year\":{\"$gte\":2015}}", "-year", "year");
            assertTrue(plan, plan.contains("INDEX_ONLY") && plan.contains("INDEX_SCAN by_year"));
            assertEquals(4, bean.searchText("files", "articles", "machine learning", 10).size());
            RuntimeException bad = assertThrows(RuntimeException.class,
                    () -> bean.findDocuments("files", "articles", "{\"year\":{\"$near\":1}}", "", 0, 5, "", ""));
            assertEquals("dev.strata.api.document.InvalidQueryException", bad.getClass().getName());
        }
    }

    /**
     * Key-value indexes through the bean: an {@code admin} creates and drops one, a {@code monitor} lists it and
     * queries through it but may not change it; the runtime's write hook keeps it as the store is written.
     */
    @Test
    public void anAdminCreatesAndDropsKeyValueIndexesThatAMonitorQueries() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw"), "keeper = admin:" + hash("keep-pw")));
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        Store files = storage.store("files");
        for (int i = 0; i < 5; i++) {
            files.put("people.p" + i, ("{\"name\":\"P" + i + "\",\"age\":" + (20 + 5 * i) + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (JMXConnector admin = connect("keeper", "keep-pw"); JMXConnector monitor = connect("watcher", "watch-pw")) {
            DocumentsMXBean asAdmin = documentsBean(admin.getMBeanServerConnection());
            DocumentsMXBean asMonitor = documentsBean(monitor.getMBeanServerConnection());
            assertThrows(SecurityException.class,
                    () -> asMonitor.createKeyValueIndex("files", "people_by_age", "people.*", "age"));
            assertFalse(hasKeyValueIndex(asMonitor, "people_by_age"));

            DocumentKeyValueIndexInfo created = asAdmin.createKeyValueIndex("files", "people_by_age", "people.*", "age");
            assertEquals(new DocumentKeyValueIndexInfo("people_by_age", "people.*", List.of("age"), "READABLE"), created);
            assertTrue(asMonitor.listKeyValueIndexes("files").contains(created));
            assertEquals(List.of("people.p4", "people.p3"), asMonitor.findEntriesByIndex("files", "people_by_age",
                    "{\"age\":{\"$gte\":35}}", "-age", 10).keys());
            // a put after the build is indexed in its own transaction by the runtime's hook: the planned query
            // reads the index, so it finds the new key only through its entry
            files.put("people.p9", "{\"name\":\"P9\",\"age\":50}".getBytes(StandardCharsets.UTF_8));
            String plan = documents.explain(files, KeyValueQuery.of("people.*")
                    .where(Map.<String, Object>of("age", 50))).render();
            assertTrue(plan, plan.contains("INDEX_SCAN people_by_age"));
            assertEquals(List.of("people.p9"), asMonitor.findEntriesByIndex("files", "people_by_age",
                    "{\"age\":50}", "", 10).keys());

            assertThrows(SecurityException.class, () -> asMonitor.dropKeyValueIndex("files", "people_by_age"));
            assertTrue(hasKeyValueIndex(asMonitor, "people_by_age"));
            assertTrue(asAdmin.dropKeyValueIndex("files", "people_by_age"));
            assertFalse(asAdmin.dropKeyValueIndex("files", "people_by_age"));
            assertFalse(hasKeyValueIndex(asMonitor, "people_by_age"));
            RuntimeException gone = assertThrows(RuntimeException.class,
                    () -> asMonitor.findEntriesByIndex("files", "people_by_age", "{}", "", 10));
            assertEquals("dev.strata.api.document.IndexNotFoundException", gone.getClass().getName());
        }
    }

    private static DocumentsMXBean documentsBean(MBeanServerConnection beans) {
        Await.until("the documents bean is registered", () -> {
            try {
                return beans.isRegistered(ObjectNames.documents());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return JMX.newMXBeanProxy(beans, ObjectNames.documents(), DocumentsMXBean.class);
    }

    private static boolean hasKeyValueIndex(DocumentsMXBean bean, String name) {
        return bean.listKeyValueIndexes("files").stream().anyMatch(index -> index.name().equals(name));
    }

    /** A hash in the users file's documented format: pbkdf2-sha256$iterations$salt$hash. */
    private static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private JMXConnector connect(String user, String password) throws Exception {
        int port = Integer.parseInt(context.getProperty("strata.jmx.port"));
        RMIServer server = (RMIServer) LocateRegistry.getRegistry("127.0.0.1", port).lookup("jmxrmi");
        RMIConnector connector = new RMIConnector(server, null);
        connector.connect(Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
        return connector;
    }
}
