package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

import dev.strata.api.management.AccessMXBean;
import dev.strata.api.management.AuditMXBean;
import dev.strata.api.management.ObjectNames;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real RMI connector on a loopback port, real clients: authentication, roles, and the audit trail they leave. */
class JmxConnectorTest {

    /** Stands for the job service: its operations need role operator. */
    public interface TestJobsMXBean {
        int getRunning();

        String submit(String what);
    }

    /** Stands for the runtime bean: its operations need role admin. */
    public interface TestRuntimeMXBean {
        String[] getStores();

        void defineStore(String name);
    }

    public static final class Jobs implements TestJobsMXBean {
        int submitted;

        @Override
        public int getRunning() {
            return submitted;
        }

        @Override
        public String submit(String what) {
            submitted++;
            return "job-" + submitted + ":" + what;
        }
    }

    public static final class Runtime implements TestRuntimeMXBean {
        final List<String> stores = new java.util.ArrayList<>();

        @Override
        public String[] getStores() {
            return stores.toArray(String[]::new);
        }

        @Override
        public void defineStore(String name) {
            stores.add(name);
        }
    }

    @TempDir
    Path dir;
    private MBeanServer server;
    private AuditTrail audit;
    private JmxConnector connector;
    private final Jobs jobs = new Jobs();
    private final Runtime runtime = new Runtime();

    @BeforeEach
    void start() throws Exception {
        server = MBeanServerFactory.newMBeanServer();
        audit = new AuditTrail(dir.resolve("audit.log"));
        UserDirectory users = new UserDirectory(dir.resolve("jmx.users"));
        users.createIfMissing();
        users.put("watcher", Role.MONITOR, "watch-pw".toCharArray());
        users.put("ops", Role.OPERATOR, "ops-pw".toCharArray());
        users.put("root", Role.ADMIN, "root-pw".toCharArray());
        server.registerMBean(jobs, ObjectNames.jobs());
        server.registerMBean(runtime, ObjectNames.runtime());
        server.registerMBean(new AccessBean(), ObjectNames.access());
        server.registerMBean(new AuditBean(audit), ObjectNames.audit());
        connector = JmxConnector.start("127.0.0.1", freePort(), server, users, audit);
    }

    @AfterEach
    void stop() {
        connector.close();
    }

    @Test
    void anonymousAndWrongPasswordConnectionsAreRefusedAndAudited() {
        SecurityException anonymous = assertThrows(SecurityException.class,
                () -> JMXConnectorFactory.connect(connector.url(), Map.of()).close());
        assertTrue(anonymous.getMessage().contains("Credentials required"), anonymous.getMessage());
        SecurityException wrong = assertThrows(SecurityException.class, () -> connect("ops", "not-it").close());
        assertEquals(CredentialCheck.REFUSED, wrong.getMessage());
        SecurityException unknown = assertThrows(SecurityException.class, () -> connect("nobody", "x").close());
        assertEquals(CredentialCheck.REFUSED, unknown.getMessage(), "an unknown user gets the same answer");
        List<String> lines = audit.lines(0, 10);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).contains("|ops|") && lines.get(1).contains("refused"), lines.get(1));
        assertEquals(0, jobs.submitted);
    }

    @Test
    void aMonitorReadsButCannotRunJobsAndEachRefusalIsAudited() throws Exception {
        try (JMXConnector client = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = client.getMBeanServerConnection();
            assertEquals(0, beans.getAttribute(ObjectNames.jobs(), "Running"));
            TestJobsMXBean proxy = JMX.newMXBeanProxy(beans, ObjectNames.jobs(), TestJobsMXBean.class);
            SecurityException denied = assertThrows(SecurityException.class, () -> proxy.submit("backup"));
            assertTrue(denied.getMessage().contains("needs role operator"), denied.getMessage());
            AccessMXBean access = JMX.newMXBeanProxy(beans, ObjectNames.access(), AccessMXBean.class);
            assertEquals("watcher", access.getUser());
            assertEquals("monitor", access.getRole());
            assertFalse(access.canInvoke(ObjectNames.jobs().toString(), "submit"));
            assertTrue(access.canInvoke(ObjectNames.jobs().toString(), "getRunning"));
        }
        assertEquals(0, jobs.submitted, "the refused call did nothing");
        String last = audit.lines(audit.size() - 1, 1).get(0);
        assertTrue(last.contains("|watcher|") && last.contains("|submit|") && last.contains("denied"), last);
    }

    /** What JConsole's MBeans tab does first: list every bean and listen for beans coming and going. */
    @Test
    void aMonitorBrowsesTheBeansAndHearsOfNewOnesAsJConsoleDoes() throws Exception {
        try (JMXConnector client = connect("watcher", "watch-pw")) {
            MBeanServerConnection beans = client.getMBeanServerConnection();
            java.util.concurrent.BlockingQueue<javax.management.Notification> heard =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            beans.addNotificationListener(javax.management.MBeanServerDelegate.DELEGATE_NAME,
                    (notification, handback) -> heard.add(notification), null, null);
            for (javax.management.ObjectName name : beans.queryNames(null, null)) {
                assertTrue(beans.getMBeanInfo(name) != null, name.toString());
            }
            javax.management.ObjectName added = new javax.management.ObjectName("dev.strata:type=Test,name=added");
            server.registerMBean(new Runtime(), added);
            javax.management.Notification registered = heard.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(registered instanceof javax.management.MBeanServerNotification n
                    && n.getMBeanName().equals(added), String.valueOf(registered));
        }
    }

    @Test
    void anOperatorRunsJobsButCannotChangeTheRuntime() throws Exception {
        try (JMXConnector client = connect("ops", "ops-pw")) {
            MBeanServerConnection beans = client.getMBeanServerConnection();
            TestJobsMXBean proxy = JMX.newMXBeanProxy(beans, ObjectNames.jobs(), TestJobsMXBean.class);
            assertEquals("job-1:backup orders", proxy.submit("backup orders"));
            TestRuntimeMXBean rt = JMX.newMXBeanProxy(beans, ObjectNames.runtime(), TestRuntimeMXBean.class);
            assertThrows(SecurityException.class, () -> rt.defineStore("evil"));
            assertArrayEquals(new String[0], rt.getStores(), "reads stay open to every role");
        }
        assertTrue(runtime.stores.isEmpty());
        List<String> lines = audit.lines(0, 100);
        assertTrue(lines.stream().anyMatch(l -> l.contains("|ops|") && l.contains("|submit|")
                && l.contains("(backup orders)") && l.endsWith(l.substring(l.lastIndexOf('|'))) && l.contains("|ok|")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("|defineStore|") && l.contains("denied")));
    }

    @Test
    void anAdminChangesTheRuntimeButNobodyCreatesBeansRemotely() throws Exception {
        try (JMXConnector client = connect("root", "root-pw")) {
            MBeanServerConnection beans = client.getMBeanServerConnection();
            JMX.newMXBeanProxy(beans, ObjectNames.runtime(), TestRuntimeMXBean.class).defineStore("orders");
            assertThrows(SecurityException.class, () -> beans.createMBean("javax.management.timer.Timer",
                    new ObjectName("evil:type=Timer")));
            AuditMXBean trail = JMX.newMXBeanProxy(beans, ObjectNames.audit(), AuditMXBean.class);
            assertTrue(trail.verify().startsWith("ok: "), trail.verify());
        }
        assertEquals(List.of("orders"), runtime.stores);
    }

    @Test
    void aChangedOrRemovedAuditEntryIsFound() throws Exception {
        try (JMXConnector client = connect("ops", "ops-pw")) {
            TestJobsMXBean proxy = JMX.newMXBeanProxy(client.getMBeanServerConnection(), ObjectNames.jobs(),
                    TestJobsMXBean.class);
            for (int i = 0; i < 4; i++) {
                proxy.submit("backup " + i);
            }
        }
        assertEquals("ok: 4 entries", audit.verify());
        Path file = dir.resolve("audit.log");
        List<String> original = Files.readAllLines(file, StandardCharsets.UTF_8);

        List<String> changed = new java.util.ArrayList<>(original);
        changed.set(1, changed.get(1).replace("backup 1", "backup 9"));
        Files.write(file, changed, StandardCharsets.UTF_8);
        assertEquals("damaged: entry 1 does not match its hash (it, or the entry before it, was changed)", audit.verify());

        List<String> removed = new java.util.ArrayList<>(original);
        removed.remove(2);
        Files.write(file, removed, StandardCharsets.UTF_8);
        assertTrue(audit.verify().startsWith("damaged: line 3 holds entry 3"), audit.verify());

        Files.write(file, original, StandardCharsets.UTF_8);
        assertEquals("ok: 4 entries", audit.verify());
    }

    private JMXConnector connect(String user, String password) throws IOException {
        return JMXConnectorFactory.connect(connector.url(),
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
