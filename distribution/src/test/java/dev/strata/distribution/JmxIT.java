package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.inject.Inject;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;

import dev.strata.api.StorageService;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.AuditMXBean;
import dev.strata.api.management.BackendMXBean;
import dev.strata.api.management.DataBrowserMXBean;
import dev.strata.api.management.KeyPage;
import dev.strata.api.management.ValueView;
import dev.strata.api.management.BackupRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.JobsMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StoreMXBean;
import dev.strata.api.management.StrataRuntimeMXBean;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The runtime's JMX connector as a client meets it: the real connector on the port of etc/config.properties, users
 * from the runtime's etc/jmx.users (written here in its documented format), roles enforced on the real beans, and
 * the audit trail they leave.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JmxIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(JmxIT.class);
    }

    @Test
    public void rolesAreEnforcedOnTheRealBeansAndEveryChangeAndRefusalIsAudited() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw"), "root = admin:" + hash("root-pw")),
                StandardCharsets.UTF_8);
        Stores.awaitStatus(storage, "default", StoreStatus.ONLINE);
        storage.store("default").put("jmx.a", Stores.bytes("1"));
        storage.store("default").put("jmx.b", Stores.bytes("2"));

        assertThrows(SecurityException.class, () -> connect(null, null));
        assertThrows(SecurityException.class, () -> connect("root", "wrong"));

        try (JMXConnector monitor = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = monitor.getMBeanServerConnection();
            Await.until("the store beans are registered", () -> registered(beans, ObjectNames.store("default")));
            StoreMXBean store = JMX.newMXBeanProxy(beans, ObjectNames.store("default"), StoreMXBean.class);
            assertEquals("ONLINE", store.getStatus());
            assertEquals(2, store.getKeys());
            StrataRuntimeMXBean runtime = JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class);
            assertTrue(List.of(runtime.getStores()).contains("files"));
            assertThrows(SecurityException.class, () -> runtime.defineStore("by-monitor", "memory", Map.of()));
        }
        assertTrue("a refused definition defines nothing", storage.findStore("by-monitor").isEmpty());

        try (JMXConnector admin = connect("root", "root-pw")) {
            MBeanServerConnection beans = admin.getMBeanServerConnection();
            JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class)
                    .defineStore("by-admin", "memory", Map.of("durability", "none"));
            Stores.awaitStatus(storage, "by-admin", StoreStatus.ONLINE);
            AuditMXBean audit = JMX.newMXBeanProxy(beans, ObjectNames.audit(), AuditMXBean.class);
            String[] entries = audit.entries(0, 100);
            String all = String.join("\n", entries);
            assertTrue(all, all.contains("|root|127.0.0.1|login|jmx||refused"));
            assertTrue(all, all.contains("|watcher|127.0.0.1|defineStore|dev.strata:type=Runtime|(by-monitor, memory, {})|denied"));
            assertTrue(all, all.contains("|root|127.0.0.1|defineStore|dev.strata:type=Runtime|(by-admin, memory, {durability=none})|ok"));
            assertEquals("ok: " + entries.length + " entries", audit.verify());
        }
    }

    private static boolean registered(MBeanServerConnection beans, javax.management.ObjectName name) {
        try {
            return beans.isRegistered(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    public void theHistoryHoldsASamplePerSecondWithTheRatesOfTheLoad() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw")), StandardCharsets.UTF_8);
        Stores.awaitStatus(storage, "default", StoreStatus.ONLINE);
        long end = System.currentTimeMillis() + 11_000;
        long puts = 0;
        while (System.currentTimeMillis() < end) {
            storage.store("default").put("load." + (puts % 1000), Stores.bytes("v"));
            puts++;
            Thread.sleep(2);
        }
        try (JMXConnector monitor = connect("watcher", "watch-pw")) {
            StoreMXBean store = JMX.newMXBeanProxy(monitor.getMBeanServerConnection(), ObjectNames.store("default"),
                    StoreMXBean.class);
            double[] rates = store.history("operationsPerSecond", 10).getValues();
            assertTrue("about one sample per second: " + rates.length, rates.length >= 9 && rates.length <= 11);
            double sum = 0;
            for (double rate : rates) {
                assertTrue("every second of load has a positive rate: " + java.util.Arrays.toString(rates), rate > 0);
                sum += rate;
            }
            // the samples cover the last ~10 of the 11 seconds of load: their rates add up to about the puts done
            double expected = puts * rates.length / 11.0;
            assertTrue("rates add up to " + sum + " operations, the load made about " + expected,
                    sum > expected * 0.5 && sum < expected * 1.5);
            long keys;
            try (dev.strata.api.EntryCursor all = storage.store("default").scan(dev.strata.api.Scan.all())) {
                keys = all.stream().count();
            }
            assertEquals("the engine's key count, through JMX", keys, store.getKeys());
            // per kind of operation, as open data across the connector: every put of the load is counted
            dev.strata.api.OperationStats put = store.getOperations().get("put");
            assertTrue("puts counted: " + put + " for " + puts + " done", put != null && put.count() >= puts);
            assertTrue("errors by type: " + store.getErrors(), store.getErrors().values().stream()
                    .allMatch(count -> count > 0));
            // the typed error crosses RMI; inside the framework it is deserialised by another class loader than the
            // test's, so it is recognised by name
            RuntimeException unknown = assertThrows(RuntimeException.class, () -> store.history("nonsense", 10));
            assertEquals("dev.strata.api.InvalidArgumentException", unknown.getClass().getName());
            assertTrue(unknown.getMessage(), unknown.getMessage().startsWith("unknown figure 'nonsense'"));
        }
    }

    @Test
    public void anOperatorRunsABackupOverJmxAndAMonitorCannot() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw"), "ops = operator:" + hash("ops-pw")),
                StandardCharsets.UTF_8);
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        storage.store("files").put("jmx.backup", Stores.bytes("kept"));
        try (JMXConnector monitor = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = monitor.getMBeanServerConnection();
            Await.until("the jobs bean is registered", () -> registered(beans, ObjectNames.jobs()));
            JobsMXBean jobs = JMX.newMXBeanProxy(beans, ObjectNames.jobs(), JobsMXBean.class);
            assertThrows(SecurityException.class, () -> jobs.submitBackup(BackupRequest.of("files")));
            assertEquals(0, jobs.getActive().length);
        }
        try (JMXConnector operator = connect("ops", "ops-pw")) {
            JobsMXBean jobs = JMX.newMXBeanProxy(operator.getMBeanServerConnection(), ObjectNames.jobs(),
                    JobsMXBean.class);
            JobInfo job = jobs.submitBackup(new BackupRequest("files", "", "", "", false, true));
            assertEquals("ops", job.startedBy());
            JobInfo done = job;
            for (int i = 0; i < 60 && !done.state().isFinal(); i++) {
                done = jobs.awaitJob(job.id(), 1000);
            }
            assertEquals(done.failure(), JobState.SUCCEEDED, done.state());
            assertTrue(done.result(), done.result().contains("test restore: digest equal"));
        }
    }

    @Test
    public void aMonitorBrowsesDataAnAdminEditsItAndBackendsShowWhatTheyCanDo() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("watcher = monitor:" + hash("watch-pw"), "root = admin:" + hash("root-pw")),
                StandardCharsets.UTF_8);
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        for (int i = 0; i < 25; i++) {
            storage.store("files").put(String.format("browse.%02d", i), Stores.bytes("v" + i));
        }
        try (JMXConnector monitor = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = monitor.getMBeanServerConnection();
            Await.until("the data browser is registered", () -> registered(beans, ObjectNames.dataBrowser()));
            DataBrowserMXBean browser = JMX.newMXBeanProxy(beans, ObjectNames.dataBrowser(), DataBrowserMXBean.class);
            KeyPage first = browser.listKeys("files", "browse.*", "", 10);
            assertEquals(10, first.entries().size());
            assertEquals("browse.09", first.next());
            KeyPage last = browser.listKeys("files", "browse.*", browser.listKeys("files", "browse.*", first.next(), 10)
                    .next(), 10);
            assertEquals(5, last.entries().size());
            assertEquals("", last.next());
            assertEquals("v24", last.entries().get(4).preview());
            ValueView value = browser.getValue("files", "browse.03", 100);
            assertEquals("v3", value.text());
            assertThrows(SecurityException.class, () -> browser.putValue("files", "browse.03", "changed", "text"));
            assertThrows(SecurityException.class, () -> browser.deleteValue("files", "browse.03"));

            Await.until("the file backend's bean is registered", () -> registered(beans, ObjectNames.backend("file")));
            BackendMXBean file = JMX.newMXBeanProxy(beans, ObjectNames.backend("file"), BackendMXBean.class);
            assertEquals("ACTIVE", file.getBundleState());
            assertTrue(file.isPersistent());
            assertTrue(List.of(file.getDurabilityLevels()).contains("fsync"));
            assertTrue(List.of(file.getStores()).contains("files"));
            StrataRuntimeMXBean runtime = JMX.newMXBeanProxy(beans, ObjectNames.runtime(), StrataRuntimeMXBean.class);
            assertTrue(java.util.Arrays.stream(runtime.getStoreForm("file"))
                    .anyMatch(s -> s.id().equals("durability") && s.source().equals("store")));
        }
        assertEquals("v3", new String(storage.store("files").get("browse.03").orElseThrow(), StandardCharsets.UTF_8));
        try (JMXConnector admin = connect("root", "root-pw")) {
            DataBrowserMXBean browser = JMX.newMXBeanProxy(admin.getMBeanServerConnection(), ObjectNames.dataBrowser(),
                    DataBrowserMXBean.class);
            browser.putValue("files", "browse.03", "héllo", "text");
            assertEquals("héllo", new String(storage.store("files").get("browse.03").orElseThrow(),
                    StandardCharsets.UTF_8));
            assertTrue(browser.deleteValue("files", "browse.04"));
            assertTrue(storage.store("files").get("browse.04").isEmpty());
            RuntimeException bad = assertThrows(RuntimeException.class,
                    () -> browser.putValue("files", "browse.05", "zz", "hex"));
            assertEquals("dev.strata.api.InvalidArgumentException", bad.getClass().getName());
        }
        assertEquals("v5", new String(storage.store("files").get("browse.05").orElseThrow(), StandardCharsets.UTF_8));
    }

    /** Connects without JNDI (the test runs inside the framework, whose class loaders hide the JNDI providers). */
    private JMXConnector connect(String user, String password) throws Exception {
        int port = Integer.parseInt(context.getProperty("strata.jmx.port"));
        RMIServer server = (RMIServer) LocateRegistry.getRegistry("127.0.0.1", port).lookup("jmxrmi");
        RMIConnector connector = new RMIConnector(server, null);
        connector.connect(user == null ? Map.of() : Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
        return connector;
    }

    /** A hash in the users file's documented format: pbkdf2-sha256$iterations$salt$hash. */
    static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 1000;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
